//! Heap allocations per request, per implementation and case, counted by a
//! global allocator. `cargo bench -p cors-tests --bench allocations`.
//!
//! Each figure is the number of `alloc`/`alloc_zeroed`/`realloc` calls during
//! one request (cloning or building the request, the call, polling, dropping
//! the response), averaged over 100 requests after a warm-up. Compare with
//! the `bare` / `actix-bare` column (the inner service alone) for the
//! middleware's own allocations.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

use common::cases::Variant;
use common::runners::{runner, Imp, InnerHeaders};

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards to the system allocator, only counting calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const ROUNDS: u64 = 100;

/// Allocations per request (average over `ROUNDS`, after a warm-up).
fn per_request(imp: Imp, variant: Variant, case: common::cases::Case, inner: InnerHeaders) -> f64 {
    let mut run = runner(imp, variant, case, inner);
    for _ in 0..10 {
        run();
    }
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..ROUNDS {
        run();
    }
    (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / ROUNDS as f64
}

/// The baseline must answer exactly like `cors_runtime` (status and headers).
fn check_baseline() {
    for variant in Variant::ALL {
        for &case in variant.cases() {
            let [ours, hand] = common::runners::ours_and_hand(variant, case);
            let fields = |r: &http::Response<()>| {
                let mut fields: Vec<(String, Vec<u8>)> = r
                    .headers()
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
                    .collect();
                fields.sort();
                (r.status(), fields)
            };
            assert_eq!(fields(&ours), fields(&hand), "{variant:?} {case:?}");
        }
    }
    println!("The hand-written baseline answers every case exactly like cors_runtime.");
}

fn main() {
    check_baseline();
    let imps = [
        Imp::Bare,
        Imp::Ours,
        Imp::OursDynamic,
        Imp::Hand,
        Imp::TowerHttp,
        Imp::ActixBare,
        Imp::ActixOurs,
        Imp::ActixCors,
    ];
    for (inner, title) in [
        (InnerHeaders::Empty, "the inner service's response has an empty header map (`HeaderMap::new()`)"),
        (InnerHeaders::Roomy, "the inner service's response has room in its header map (tower only; actix-web unchanged)"),
    ] {
        println!("\nHeap allocations per request, whole request (build/clone, call, poll, drop); {title}\n");
        print!("| policy | case |");
        for imp in imps {
            print!(" {} |", imp.name());
        }
        println!();
        println!("|---|---|{}", "---|".repeat(imps.len()));
        for variant in Variant::ALL {
            for &case in variant.cases() {
                print!("| {} | {} |", variant.name(), case.name());
                for imp in imps {
                    print!(" {} |", per_request(imp, variant, case, inner));
                }
                println!();
            }
        }
    }
}
