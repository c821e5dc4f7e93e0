//! Hot reload under load, over real loopback TCP, through both adapters;
//! and memory across 100,000 reloads.
//!
//! Clients send preflights and actual requests from origins allowed by
//! policy A only, B only, or both, while a thread reloads A and B
//! alternately (and now and then an invalid text) every few milliseconds.
//! Every answer must be exactly A's or exactly B's answer to that request,
//! as the decision core computes it in-process (never A's origin decision
//! with B's methods, say); a refused reload keeps the policy in force.
//!
//! The counting allocator ([`cors_tests::counting`]) measures the bytes
//! alive before and after 100,000 reloads with a request being decided all
//! along: they must not grow.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use cors_runtime::dynamic::{DynamicPolicy, ReloadablePolicy};
use cors_runtime::{decide, Outcome, PolicySource};
use cors_tests::counting::live_bytes;

#[global_allocator]
static GLOBAL: cors_tests::counting::Counting = cors_tests::counting::Counting;

/// Policy A: origins `a` and `both`, `PUT` with `x-a`.
const A: &str = r#"policy Live {
    origins: "http://a.test", "http://both.test";
    methods: PUT;
    request-headers: x-a;
    expose-headers: x-from-a;
    max-age: 111;
}"#;

/// Policy B: origins `b` and `both`, `DELETE` with `x-b`.
const B: &str = r#"policy Live {
    origins: "http://b.test", "http://both.test";
    methods: DELETE;
    request-headers: x-b;
    expose-headers: x-from-b;
    max-age: 222;
}"#;

/// Texts every reload of which must be refused.
const INVALID: [&str; 3] = [
    // A trailing slash in an origin (a validation error).
    r#"policy Live { origins: "http://a.test/"; methods: PUT; }"#,
    // A syntax error.
    r#"policy Live { origins: "http://a.test" methods: PUT; }"#,
    // No policy of that name.
    r#"policy Other { origins: "http://a.test"; }"#,
];

/// How long the clients send requests, per adapter.
const LOAD_TIME: Duration = Duration::from_millis(1500);
/// Pause of the reloader between two reloads.
const RELOAD_EVERY: Duration = Duration::from_millis(2);
/// Client threads (each one keep-alive connection).
const CLIENTS: usize = 3;

/// The load test and the memory test must not overlap: the memory test
/// counts the bytes alive in the whole process.
fn exclusive() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One request of the load.
#[derive(Clone, Copy, Debug)]
struct Req {
    method: &'static str,
    origin: &'static str,
    /// `Access-Control-Request-Method` and `-Headers` (a preflight).
    preflight: Option<(&'static str, &'static str)>,
}

const REQUESTS: [Req; 8] = [
    Req {
        method: "OPTIONS",
        origin: "http://a.test",
        preflight: Some(("PUT", "x-a")),
    },
    Req {
        method: "OPTIONS",
        origin: "http://b.test",
        preflight: Some(("DELETE", "x-b")),
    },
    Req {
        method: "OPTIONS",
        origin: "http://both.test",
        preflight: Some(("PUT", "x-a")),
    },
    Req {
        method: "OPTIONS",
        origin: "http://both.test",
        preflight: Some(("DELETE", "x-b")),
    },
    Req {
        method: "GET",
        origin: "http://a.test",
        preflight: None,
    },
    Req {
        method: "GET",
        origin: "http://b.test",
        preflight: None,
    },
    Req {
        method: "GET",
        origin: "http://both.test",
        preflight: None,
    },
    Req {
        method: "PUT",
        origin: "http://both.test",
        preflight: None,
    },
];

/// What a response says, as far as CORS goes: the status and every
/// `access-control-*` and `vary` field (lower-case names, sorted).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Answer {
    status: u16,
    fields: Vec<(String, String)>,
}

impl Answer {
    fn new(status: u16, fields: impl IntoIterator<Item = (String, String)>) -> Answer {
        let mut fields: Vec<_> = fields
            .into_iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), value))
            .filter(|(name, _)| name.starts_with("access-control-") || name == "vary")
            .collect();
        fields.sort();
        Answer { status, fields }
    }
}

/// What `policy` answers to `req` (the application answers `200`).
fn expected(policy: &DynamicPolicy, req: &Req) -> Answer {
    let method = http::Method::from_bytes(req.method.as_bytes()).expect("method");
    let mut headers = http::HeaderMap::new();
    headers.insert("origin", req.origin.parse().expect("origin"));
    if let Some((method, names)) = req.preflight {
        headers.insert(
            "access-control-request-method",
            method.parse().expect("acrm"),
        );
        headers.insert(
            "access-control-request-headers",
            names.parse().expect("acrh"),
        );
    }
    let decision = decide(policy, &method, &headers);
    let status = match decision.outcome() {
        Outcome::Respond(status) => status.as_u16(),
        Outcome::CallApp => 200,
    };
    let mut response = http::HeaderMap::new();
    decision.apply_to(&mut response);
    Answer::new(
        status,
        response.iter().map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().expect("ascii").to_owned(),
            )
        }),
    )
}

/// A's and B's answers to each of [`REQUESTS`]; every request tells the two
/// apart.
fn expectations() -> Vec<(Answer, Answer)> {
    let a = DynamicPolicy::parse(A, "Live").expect("A is valid");
    let b = DynamicPolicy::parse(B, "Live").expect("B is valid");
    REQUESTS
        .iter()
        .map(|req| {
            let pair = (expected(&a, req), expected(&b, req));
            assert_ne!(pair.0, pair.1, "{req:?} does not tell A from B");
            pair
        })
        .collect()
}

/// A keep-alive HTTP/1.1 client connection, every read bounded.
struct Client {
    reader: BufReader<TcpStream>,
    addr: SocketAddr,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream.set_nodelay(true).expect("nodelay");
        Client {
            reader: BufReader::new(stream),
            addr,
        }
    }

    fn send(&mut self, req: &Req) -> Answer {
        let mut text = format!(
            "{} /x HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\n",
            req.method, self.addr, req.origin
        );
        if let Some((method, names)) = req.preflight {
            text.push_str(&format!(
                "Access-Control-Request-Method: {method}\r\nAccess-Control-Request-Headers: {names}\r\n"
            ));
        }
        text.push_str("Content-Length: 0\r\n\r\n");
        self.reader
            .get_mut()
            .write_all(text.as_bytes())
            .expect("send");
        self.read_answer()
    }

    fn read_answer(&mut self) -> Answer {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("status line");
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {line:?}"));
        let mut fields = Vec::new();
        let (mut length, mut chunked) = (0usize, false);
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("header line");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("header field");
            let (name, value) = (name.to_ascii_lowercase(), value.trim().to_owned());
            if name == "content-length" {
                length = value.parse().expect("content-length");
            }
            if name == "transfer-encoding" && value.contains("chunked") {
                chunked = true;
            }
            fields.push((name, value));
        }
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line).expect("chunk size");
                let size = usize::from_str_radix(line.trim(), 16).expect("chunk size");
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk).expect("chunk");
                if size == 0 {
                    break;
                }
            }
        } else if status != 204 && status != 304 {
            let mut body = vec![0; length];
            self.reader.read_exact(&mut body).expect("body");
        }
        Answer::new(status, fields)
    }
}

/// What the clients saw.
#[derive(Default)]
struct Tally {
    from_a: AtomicU64,
    from_b: AtomicU64,
    failures: Mutex<Vec<String>>,
}

/// Runs the load against a server at `addr` serving `handle` (which starts
/// as A), reloading all along; panics on any inconsistent answer.
fn load(adapter: &str, addr: SocketAddr, handle: &ReloadablePolicy) {
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

fn listener() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.set_nonblocking(true).expect("non-blocking");
    let addr = listener.local_addr().expect("address");
    (listener, addr)
}

#[test]
fn reloads_under_load_through_tower() {
    let _exclusive = exclusive();
    let handle = ReloadablePolicy::new(DynamicPolicy::parse(A, "Live").expect("valid"));
    let (listener, addr) = listener();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let app = axum::Router::new()
        .fallback(|| async { "ok" })
        .layer(cors_runtime::tower::CorsLayer::new(handle.clone()));
    runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
        axum::serve(listener, app).await
    });
    load("tower", addr, &handle);
}

#[test]
fn reloads_under_load_through_actix() {
    use actix_web::{web, App, HttpResponse, HttpServer};

    let _exclusive = exclusive();
    let handle = ReloadablePolicy::new(DynamicPolicy::parse(A, "Live").expect("valid"));
    let (listener, addr) = listener();
    let (tx, rx) = std::sync::mpsc::channel();
    let server_handle = handle.clone();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                App::new()
                    .wrap(cors_runtime::actix::Cors::new(server_handle.clone()))
                    .default_service(web::to(|| async { HttpResponse::Ok().body("ok") }))
            })
            .workers(1)
            .disable_signals()
            .listen(listener)
            .expect("listen")
            .run();
            tx.send(server.handle()).expect("handle");
            server.await
        })
    });
    let server = rx.recv().expect("actix-web started");
    load("actix", addr, &handle);
    drop(server.stop(false));
    thread.join().expect("server thread").expect("server");
}

/// 100,000 reloads with a request decided all along through snapshots of
/// the handle: every 25th parses its text (`reload_from_str`: A, B, or an
/// invalid text that is refused), the others store a policy parsed before
/// (`store`, the same swap; parsing 100,000 texts would take a minute in a
/// debug build). The bytes alive are compared after 1,000 reloads and at
/// the end, each time with the decider stopped (a snapshot it holds keeps
/// an old policy alive).
#[test]
fn memory_does_not_grow_over_100_000_reloads() {
    const RELOADS: usize = 100_000;
    const WARM_UP: usize = 1_000;
    const PARSE_EVERY: usize = 25;
    let _exclusive = exclusive();
    let prebuilt = [
        DynamicPolicy::parse(A, "Live").expect("valid"),
        DynamicPolicy::parse(B, "Live").expect("valid"),
    ];
    let handle = ReloadablePolicy::new(prebuilt[0].clone());
    let decided = AtomicU64::new(0);
    let (mut parsed, mut refused) = (0, 0);
    let started = Instant::now();
    let mut reload = |range: std::ops::Range<usize>| {
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let mut headers = http::HeaderMap::new();
                headers.insert("origin", "http://both.test".parse().expect("origin"));
                headers.insert(
                    "access-control-request-method",
                    "PUT".parse().expect("acrm"),
                );
                while !stop.load(Ordering::Relaxed) {
                    let snapshot = handle.snapshot();
                    let decision = decide(&*snapshot, &http::Method::OPTIONS, &headers);
                    std::hint::black_box(decision.outcome());
                    decided.fetch_add(1, Ordering::Relaxed);
                }
            });
            for i in range {
                if i % PARSE_EVERY != PARSE_EVERY - 1 {
                    handle.store(prebuilt[i % 2].clone());
                } else if (i / PARSE_EVERY) % 4 == 3 {
                    let before = handle.load();
                    let text = INVALID[(i / PARSE_EVERY) % INVALID.len()];
                    assert!(handle.reload_from_str(text).is_err(), "{text} accepted");
                    assert_eq!(before.origin_entries(), handle.load().origin_entries());
                    refused += 1;
                } else {
                    handle.reload_from_str([A, B][i % 2]).expect("valid");
                    parsed += 1;
                }
            }
            stop.store(true, Ordering::Relaxed);
        });
        live_bytes()
    };
    let base = reload(0..WARM_UP);
    let middle = reload(WARM_UP..RELOADS / 2);
    let end = reload(RELOADS / 2..RELOADS);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{RELOADS} reloads ({parsed} parsed, {refused} refused) in {seconds:.1} s, \
         {} decisions meanwhile; bytes alive after {WARM_UP} reloads: {base}, \
         after {}: {middle}, after {RELOADS}: {end} (growth {} bytes); RSS {} KiB",
        decided.load(Ordering::Relaxed),
        RELOADS / 2,
        end - base,
        rss_kib().map_or("?".to_owned(), |k| k.to_string()),
    );
    assert!(
        end - base <= 1024,
        "memory grew by {} bytes over {RELOADS} reloads",
        end - base
    );
    assert!(decided.load(Ordering::Relaxed) > 0);
}

/// The resident set size, from `/proc/self/status` (Linux).
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
