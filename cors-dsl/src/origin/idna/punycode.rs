//! Punycode (RFC 3492): the bootstring encoding of a Unicode label in ASCII.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
    delta /= if first { DAMP } else { 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

fn threshold(k: u32, bias: u32) -> u32 {
    if k <= bias {
        T_MIN
    } else if k >= bias + T_MAX {
        T_MAX
    } else {
        k - bias
    }
}

/// A lowercase Punycode digit's value (labels are mapped to lowercase
/// before they are decoded).
fn digit_value(byte: u8) -> Option<u32> {
    match byte {
        b'0'..=b'9' => Some(u32::from(byte - b'0') + 26),
        b'a'..=b'z' => Some(u32::from(byte - b'a')),
        _ => None,
    }
}

fn digit(value: u32) -> char {
    let byte = if value < 26 {
        b'a' + value as u8
    } else {
        b'0' + (value - 26) as u8
    };
    char::from(byte)
}

/// Decodes the part of a label after `xn--`; `None` if it is not valid
/// Punycode (a non-ASCII byte, a bad digit, an overflow, or a result that
/// is not a sequence of Unicode scalar values).
pub(super) fn decode(input: &str) -> Option<Vec<char>> {
    if !input.is_ascii() {
        return None;
    }
    // The basic code points come before the last `-`; a leading `-` with
    // none before it is read as a digit (and refused).
    let (basic, rest) = match input.rfind('-') {
        Some(i) if i > 0 => (&input[..i], &input[i + 1..]),
        _ => ("", input),
    };
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut bytes = rest.bytes().peekable();
    while bytes.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let value = digit_value(bytes.next()?)?;
            i = i.checked_add(value.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if value < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let length = u32::try_from(output.len() + 1).ok()?;
        bias = adapt(i - old_i, length, old_i == 0);
        n = n.checked_add(i / length)?;
        i %= length;
        let c = char::from_u32(n)?;
        output.insert(i as usize, c);
        i += 1;
    }
    Some(output)
}

/// Encodes a label (the part after `xn--`); `None` on overflow.
pub(super) fn encode(input: &[char]) -> Option<String> {
    let mut output: String = input.iter().filter(|c| c.is_ascii()).collect();
    let basic = u32::try_from(output.len()).ok()?;
    if basic > 0 {
        output.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let total = u32::try_from(input.len()).ok()?;
    let mut handled = basic;
    while handled < total {
        let m = input.iter().map(|&c| c as u32).filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in input {
            let c = c as u32;
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    output.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                output.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(output)
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};

    #[test]
    fn rfc_3492_samples_round_trip() {
        let cases: &[(&str, &str)] = &[
            ("bücher", "bcher-kva"),
            ("münchen", "mnchen-3ya"),
            ("рф", "p1ai"),
            ("例え", "r8jz45g"),
            ("ü", "tda"),
            ("abc", "abc-"),
        ];
        for (unicode, ascii) in cases {
            let chars: Vec<char> = unicode.chars().collect();
            assert_eq!(encode(&chars).as_deref(), Some(*ascii), "{unicode}");
            assert_eq!(decode(ascii), Some(chars), "{ascii}");
        }
    }

    /// Random labels, encoded and decoded by ours and by the `idna` crate's
    /// Punycode: the same text both ways (long labels of high code points
    /// reach every branch of the bias adaptation).
    #[test]
    fn random_labels_code_as_idna_does() {
        let ranges: [(u32, u32); 5] = [
            (0x61, 0x7A),
            (0xE0, 0x24F),
            (0x600, 0x6FF),
            (0x4E00, 0x9FFF),
            (0x1_0000, 0x1_F9FF),
        ];
        let mut next = crate::test_rng::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let len = 1 + (next() % 40) as usize;
            let label: Vec<char> = (0..len)
                .filter_map(|_| {
                    let (lo, hi) = ranges[(next() % ranges.len() as u64) as usize];
                    char::from_u32(lo + (next() % u64::from(hi - lo + 1)) as u32)
                })
                .collect();
            let ours = encode(&label);
            assert_eq!(ours, idna::punycode::encode(&label), "{label:?}");
            let ours = ours.expect("no overflow at this length");
            assert_eq!(decode(&ours).as_ref(), Some(&label), "{ours}");
        }
    }

    #[test]
    fn invalid_punycode_is_refused() {
        for bad in ["99999999999", "a-é", "-!", "-bfi", "zzzzzzzzzzzzzzzzzzzz"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }
}
