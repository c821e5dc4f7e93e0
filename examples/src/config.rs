//! Ports, loopback listeners and the start-up banner shared by the example
//! binaries.
//!
//! Ports come from the command line (`--api-port N`, `--page-port N`), else
//! from the environment (`API_PORT`, `PAGE_PORT`), else the defaults 8080 and
//! 3000. Port `0` picks a free port (the banner prints the one chosen).

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::process::ExitCode;

/// Default port of the API.
pub const DEFAULT_API_PORT: u16 = 8080;
/// Default port of the page.
pub const DEFAULT_PAGE_PORT: u16 = 3000;

/// Command-line help of the example binaries.
pub const USAGE: &str = "\
usage: api-axum|api-actix|api-hyper|api-poem|api-salvo|api-rocket [--api-port N] [--page-port N]

Starts the example API (guarded by examples/policies/api.cors) and a page on
another origin whose buttons call it. Both listen on 127.0.0.1 only.

  --api-port N    port of the API  (env API_PORT,  default 8080; 0 = any free port)
  --page-port N   port of the page (env PAGE_PORT, default 3000; 0 = any free port)
";

/// Where the example servers listen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Port of the API.
    pub api_port: u16,
    /// Port of the page.
    pub page_port: u16,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_port: DEFAULT_API_PORT,
            page_port: DEFAULT_PAGE_PORT,
        }
    }
}

/// What the command line asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Start the servers.
    Run(Config),
    /// Print [`USAGE`] and exit.
    Help,
}

impl Config {
    /// Reads the process's arguments and environment.
    pub fn from_env_and_args() -> Result<Command, String> {
        Config::parse(std::env::args().skip(1), |name| std::env::var(name).ok())
    }

    /// Parses arguments (without the program name) over the environment
    /// given by `env`.
    ///
    /// ```
    /// use cors_examples::config::{Command, Config};
    ///
    /// let env = |name: &str| (name == "PAGE_PORT").then(|| "4000".to_owned());
    /// let args = ["--api-port", "0"].map(String::from);
    /// assert_eq!(
    ///     Config::parse(args, env),
    ///     Ok(Command::Run(Config { api_port: 0, page_port: 4000 }))
    /// );
    /// assert!(Config::parse(["--api-port".to_owned()], |_| None).is_err());
    /// ```
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Command, String> {
        let mut config = Config::default();
        if let Some(port) = env("API_PORT") {
            config.api_port = parse_port("API_PORT", &port)?;
        }
        if let Some(port) = env("PAGE_PORT") {
            config.page_port = parse_port("PAGE_PORT", &port)?;
        }
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
                None => (arg, None),
            };
            match flag.as_str() {
                "-h" | "--help" => return Ok(Command::Help),
                "--api-port" | "--page-port" => {
                    let value = inline
                        .or_else(|| args.next())
                        .ok_or_else(|| format!("{flag} needs a port number"))?;
                    let port = parse_port(&flag, &value)?;
                    if flag == "--api-port" {
                        config.api_port = port;
                    } else {
                        config.page_port = port;
                    }
                }
                other => return Err(format!("unknown argument {other:?}")),
            }
        }
        Ok(Command::Run(config))
    }
}

fn parse_port(what: &str, value: &str) -> Result<u16, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{what}: {value:?} is not a port number (0 to 65535)"))
}

/// Binds `127.0.0.1:port` (loopback only; `0` picks a free port) and makes
/// the listener non-blocking, as tokio and actix-web expect.
///
/// ```
/// let listener = cors_examples::config::bind_loopback(0).unwrap();
/// assert!(listener.local_addr().unwrap().ip().is_loopback());
/// ```
pub fn bind_loopback(port: u16) -> std::io::Result<TcpListener> {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot listen on 127.0.0.1:{port}: {e} (choose another port with --api-port/--page-port or API_PORT/PAGE_PORT)")))?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// The base URL the page uses for the API: `http://localhost:PORT`.
///
/// The page is on `http://localhost:PAGE_PORT`: another origin (the port
/// differs) but the same site, so the browser sends the API's `SameSite=Lax`
/// session cookie with credentialed requests in every browser.
///
/// ```
/// assert_eq!(cors_examples::config::api_base(8080), "http://localhost:8080");
/// ```
pub fn api_base(api_port: u16) -> String {
    format!("http://localhost:{api_port}")
}

/// What a binary prints once both servers listen. The first two lines are
/// stable (`API listening on …`, `page listening on …`): the end-to-end
/// tests read them to learn the ports.
///
/// ```
/// let text = cors_examples::config::banner("axum", 8080, 3000);
/// assert!(text.starts_with("API listening on http://127.0.0.1:8080\n"));
/// assert!(text.contains("http://localhost:3000"));
/// ```
pub fn banner(framework: &str, api_port: u16, page_port: u16) -> String {
    format!(
        "API listening on http://127.0.0.1:{api_port}\n\
         page listening on http://127.0.0.1:{page_port}\n\
         \n\
         cors-dsl example ({framework}): the API's CORS policy is examples/policies/api.cors\n\
         \n\
         \x20 Open http://localhost:{page_port}/ in a browser: its buttons call the API at\n\
         \x20 http://localhost:{api_port} from another origin and show what the browser allowed.\n\
         \x20 Then try http://127.0.0.1:{page_port}/: an origin the policy does not list, so the\n\
         \x20 browser blocks every call (the server still answers; CORS only decides who may read).\n\
         \n\
         \x20 Press Ctrl-C to stop.\n"
    )
}

/// The `main` of every example server: reads the configuration (`--help`
/// prints [`USAGE`]; a bad argument exits 2 with the usage), runs `run`, and
/// turns an I/O error into exit code 1 with its message.
pub fn main_with(run: impl FnOnce(Config) -> std::io::Result<()>) -> ExitCode {
    let config = match Config::from_env_and_args() {
        Ok(Command::Run(config)) => config,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprint!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
