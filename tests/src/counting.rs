//! A counting global allocator for the allocation tests: it counts the
//! allocations (`alloc`, `alloc_zeroed`, `realloc`) the current thread makes
//! while counting is on, so tests running on other threads do not interfere;
//! and, for every thread at once, the bytes currently allocated
//! ([`live_bytes`]), to see whether memory grows.
//!
//! Each test binary installs it with
//! `#[global_allocator] static GLOBAL: cors_tests::counting::Counting = cors_tests::counting::Counting;`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicIsize, Ordering};

/// Bytes allocated and not yet freed, by every thread.
static LIVE: AtomicIsize = AtomicIsize::new(0);

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

fn grew(bytes: usize) {
    LIVE.fetch_add(bytes as isize, Ordering::Relaxed);
}

fn shrank(bytes: usize) {
    LIVE.fetch_sub(bytes as isize, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        new
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }
}

/// Bytes allocated through [`Counting`] and not yet freed, by every thread
/// of the process (only meaningful where `Counting` is the global
/// allocator).
pub fn live_bytes() -> isize {
    LIVE.load(Ordering::Relaxed)
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
