//! The `env-policy` binary over real loopback TCP, with its policy file in a
//! Kubernetes ConfigMap-style volume (`api.cors -> ..data/api.cors`,
//! `..data -> ..vN/`): each update swaps `..data` atomically, the server
//! picks the new version up by itself (polling), refuses an invalid one and
//! keeps serving the last valid policy.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A ConfigMap-style volume in a fresh temporary directory.
struct Volume {
    dir: PathBuf,
    version: u32,
}

impl Volume {
    fn new(text: &str) -> Volume {
        let dir = std::env::temp_dir().join(format!("env-policy-e2e-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut volume = Volume { dir, version: 0 };
        volume.publish(text);
        std::os::unix::fs::symlink("..data/api.cors", volume.path()).expect("api.cors link");
        volume
    }

    fn path(&self) -> PathBuf {
        self.dir.join("api.cors")
    }

    /// What the kubelet does: a new timestamped directory, `..data_tmp`
    /// pointing at it, renamed over `..data`, the old directory removed.
    fn publish(&mut self, text: &str) {
        let old = self.dir.join(format!("..v{}", self.version));
        self.version += 1;
        let name = format!("..v{}", self.version);
        std::fs::create_dir(self.dir.join(&name)).expect("version dir");
        std::fs::write(self.dir.join(&name).join("api.cors"), text).expect("write");
        let tmp = self.dir.join("..data_tmp");
        std::os::unix::fs::symlink(&name, &tmp).expect("..data_tmp");
        std::fs::rename(&tmp, self.dir.join("..data")).expect("swap ..data");
        let _ = std::fs::remove_dir_all(old);
    }
}

impl Drop for Volume {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The server, killed on drop; its standard error is collected.
struct Server {
    child: Child,
    addr: SocketAddr,
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(policy: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_env-policy"))
            .env("CORS_POLICY_FILE", policy)
            .env("CORS_POLICY_NAME", "Api")
            .env("CORS_POLICY_POLL_SECS", "0.05")
            .env("ADDR", "127.0.0.1:0")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start env-policy");
        let stderr = child.stderr.take().expect("piped");
        let (tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let addr = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = log
                .recv_timeout(left)
                .expect("env-policy printed no address within 30 s");
            if let Some(addr) = line.strip_prefix("env-policy: listening on http://") {
                break addr.parse().expect("address");
            }
        };
        Server { child, addr, log }
    }

    /// `Access-Control-Allow-Origin` of a GET from `origin`.
    fn allowed_origin(&self, origin: &str) -> Option<String> {
        let mut stream =
            TcpStream::connect_timeout(&self.addr, Duration::from_secs(5)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        write!(
            stream,
            "GET /api/items HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        answer.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("access-control-allow-origin")
                .then(|| value.trim().to_owned())
        })
    }

    /// Waits (bounded) until a GET from `origin` is allowed.
    fn wait_until_allowed(&self, origin: &str) -> Duration {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.allowed_origin(origin).as_deref() == Some(origin) {
                return start.elapsed();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("{origin} still not allowed after 10 s");
    }

    /// Waits (bounded) for a line of the server's log containing `text`.
    fn wait_for_log(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) if line.contains(text) => return,
                Ok(_) => {}
                Err(e) => panic!("no log line with {text:?} within 10 s ({e})"),
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_configmap_update_is_served_and_an_invalid_one_refused() {
    let one = "https://one.example";
    let two = "https://two.example";
    let policy = |origin: &str| format!("policy Api {{ origins: \"{origin}\"; }}\n");
    let mut volume = Volume::new(&policy(one));
    let server = Server::start(&volume.path());
    assert_eq!(server.allowed_origin(one).as_deref(), Some(one));
    assert_eq!(server.allowed_origin(two), None);

    // A valid update: served within a few polls.
    volume.publish(&policy(two));
    let took = server.wait_until_allowed(two);
    println!("ConfigMap update served after {took:?}");
    assert_eq!(server.allowed_origin(one), None);

    // An invalid update (a trailing slash): refused, reported, and the
    // last valid policy stays.
    volume.publish(&policy("https://three.example/"));
    server.wait_for_log("is invalid, keeping the current policy");
    assert_eq!(server.allowed_origin(two).as_deref(), Some(two));

    // And the next valid one is served.
    volume.publish(&policy(one));
    server.wait_until_allowed(one);
    assert_eq!(server.allowed_origin(two), None);
}
