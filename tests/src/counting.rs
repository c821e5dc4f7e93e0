//! A counting global allocator for the allocation tests: it counts the
//! allocations (`alloc`, `alloc_zeroed`, `realloc`) the current thread makes
//! while counting is on, so tests running on other threads do not interfere.
//!
//! Each test binary installs it with
//! `#[global_allocator] static GLOBAL: cors_tests::counting::Counting = cors_tests::counting::Counting;`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The allocator: `System`, plus a per-thread count.
#[derive(Debug)]
pub struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: the thread-locals may be gone while a thread shuts down.
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|count| count.set(count.get() + 1));
        }
    });
}

// SAFETY: every call is forwarded unchanged to `System`.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Starts counting this thread's allocations from zero.
pub fn start() {
    COUNT.with(|c| c.set(0));
    COUNTING.with(|on| on.set(true));
}

/// Stops counting; returns how many allocations were made since [`start`].
pub fn stop() -> usize {
    COUNTING.with(|on| on.set(false));
    COUNT.with(Cell::get)
}

/// Counts the allocations `f` makes on this thread.
pub fn count<T>(f: impl FnOnce() -> T) -> (usize, T) {
    start();
    let out = f();
    (stop(), out)
}
