//! Process management of the WebDriver server: finding its executables,
//! temporary directories, free loopback ports, its process group (killed on
//! drop) and waiting until it is ready.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use super::transport::http_json;
use super::{INSTALL_HINT, STARTUP_TIMEOUT};

/// Finds an executable: the environment variable `var` if set, else the
/// first of `names` found on `PATH` (or given as an absolute path).
pub(super) fn find_executable(var: &str, names: &[&str]) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os(var) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!(
                "{var}={} is not a file; {INSTALL_HINT}",
                path.display()
            ))
        };
    }
    let dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    for name in names {
        let name = Path::new(name);
        if name.is_absolute() {
            if name.is_file() {
                return Ok(name.to_owned());
            }
            continue;
        }
        if let Some(found) = dirs.iter().map(|d| d.join(name)).find(|p| p.is_file()) {
            return Ok(found);
        }
    }
    Err(format!("{} not found; {INSTALL_HINT}", names[0]))
}

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Creates `cors-e2e-<pid>-<n>-<nanos>`.
    pub fn new(label: &str) -> std::io::Result<Self> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "cors-e2e-{label}-{}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A free loopback port (bound, then released: the driver binds it next).
pub(super) fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

/// A child process in its own process group; the group is killed on drop.
pub(super) struct Process(pub(super) Child);

impl Drop for Process {
    fn drop(&mut self) {
        // The driver and the browser processes it started share its
        // process group (pgid = its pid, not reusable before it is reaped).
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until the WebDriver server at `addr` says it is ready.
pub(super) fn wait_ready(child: &mut Child, addr: SocketAddr) -> Result<SocketAddr, String> {
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the driver exited at start ({status})"));
        }
        if let Ok((200, value)) = http_json(addr, "GET", "/status", None, Duration::from_secs(2)) {
            if value["value"]["ready"] == json!(true) {
                return Ok(addr);
            }
        }
        if Instant::now() >= deadline {
            return Err(format!("not ready within {STARTUP_TIMEOUT:?}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
