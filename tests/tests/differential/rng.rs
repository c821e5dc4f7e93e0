//! The deterministic pseudo-random source of the generated requests, and
//! random header-value bytes.

/// SplitMix64: small, deterministic, good enough to pick test inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: &str) -> Self {
        // FNV-1a of the seed text: the same inputs on every run.
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        for b in seed.bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        Rng(hash)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Bytes a header value may hold (visible ASCII, space, tab, obs-text).
pub fn garbage(rng: &mut Rng, max: usize) -> Vec<u8> {
    let len = rng.below(max + 1);
    (0..len)
        .map(|_| loop {
            let b = rng.next() as u8;
            if b == b'\t' || (0x20..0x7f).contains(&b) || b >= 0x80 {
                break b;
            }
        })
        .collect()
}
