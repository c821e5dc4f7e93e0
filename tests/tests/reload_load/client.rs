//! A keep-alive HTTP/1.1 client over loopback TCP that sends one request of
//! the load and reads the answer back in comparable form.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use crate::requests::{Answer, Req};

/// A keep-alive HTTP/1.1 client connection, every read bounded.
pub struct Client {
    reader: BufReader<TcpStream>,
    addr: SocketAddr,
}

impl Client {
    pub fn connect(addr: SocketAddr) -> Client {
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

    pub fn send(&mut self, req: &Req) -> Answer {
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
