//! The load: client threads sending the requests while a thread reloads A
//! and B alternately (and now and then an invalid text), every answer
//! checked to be exactly A's or exactly B's.

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};

use crate::client::Client;
use crate::requests::{expectations, REQUESTS};
use crate::{A, B, INVALID};

/// How long the clients send requests, per adapter.
const LOAD_TIME: Duration = Duration::from_millis(1500);
/// Pause of the reloader between two reloads.
const RELOAD_EVERY: Duration = Duration::from_millis(2);
/// Client threads (each one keep-alive connection).
const CLIENTS: usize = 3;

/// What the clients saw.
#[derive(Default)]
struct Tally {
    from_a: AtomicU64,
    from_b: AtomicU64,
    failures: Mutex<Vec<String>>,
}

/// Runs the load against a server at `addr` serving `handle` (which starts
/// as A), reloading all along; panics on any inconsistent answer.
pub fn load(adapter: &str, addr: SocketAddr, handle: &ReloadablePolicy) {
    let expectations = expectations();
    let tally = Tally::default();
    let done = AtomicBool::new(false);
    let started = Instant::now();
    let (reloads, refused) = std::thread::scope(|scope| {
        for client in 0..CLIENTS {
            let (tally, done, expectations) = (&tally, &done, &expectations);
            scope.spawn(move || {
                let mut connection = Client::connect(addr);
                let mut i = client;
                while !done.load(Ordering::Relaxed) {
                    let index = i % REQUESTS.len();
                    i += 1;
                    let req = &REQUESTS[index];
                    let got = connection.send(req);
                    let (a, b) = &expectations[index];
                    if got == *a {
                        tally.from_a.fetch_add(1, Ordering::Relaxed);
                    } else if got == *b {
                        tally.from_b.fetch_add(1, Ordering::Relaxed);
                    } else {
                        let mut failures = tally.failures.lock().expect("lock");
                        if failures.len() < 10 {
                            failures.push(format!(
                                "{req:?}: got {got:?}\n  A would answer {a:?}\n  B would answer {b:?}"
                            ));
                        }
                    }
                }
            });
        }
        let reloader = scope.spawn(|| {
            let (mut reloads, mut refused) = (0u64, 0u64);
            let mut current = A;
            while started.elapsed() < LOAD_TIME {
                if reloads % 10 == 9 {
                    let text = INVALID[(reloads / 10) as usize % INVALID.len()];
                    assert!(handle.reload_from_str(text).is_err(), "{text} was accepted");
                    refused += 1;
                    assert_eq!(
                        handle.load().origin_entries(),
                        DynamicPolicy::parse(current, "Live")
                            .expect("valid")
                            .origin_entries(),
                        "a refused reload changed the policy"
                    );
                } else {
                    current = if current == A { B } else { A };
                    handle.reload_from_str(current).expect("valid");
                }
                reloads += 1;
                std::thread::sleep(RELOAD_EVERY);
            }
            done.store(true, Ordering::Relaxed);
            (reloads, refused)
        });
        reloader.join().expect("reloader")
    });
    let (from_a, from_b) = (
        tally.from_a.load(Ordering::Relaxed),
        tally.from_b.load(Ordering::Relaxed),
    );
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{adapter}: {} answers in {seconds:.2} s ({:.0}/s), {from_a} A's and {from_b} B's, \
         {reloads} reloads of which {refused} refused",
        from_a + from_b,
        (from_a + from_b) as f64 / seconds
    );
    let failures = tally.failures.into_inner().expect("lock");
    assert!(
        failures.is_empty(),
        "{adapter}: answers from neither A nor B:\n{}",
        failures.join("\n")
    );
    assert!(
        reloads >= 50 && refused >= 5,
        "{reloads} reloads, {refused} refused"
    );
    assert!(
        from_a >= 20 && from_b >= 20,
        "{adapter}: too few answers of each policy to show anything ({from_a} A, {from_b} B)"
    );
}

pub fn listener() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.set_nonblocking(true).expect("non-blocking");
    let addr = listener.local_addr().expect("address");
    (listener, addr)
}
