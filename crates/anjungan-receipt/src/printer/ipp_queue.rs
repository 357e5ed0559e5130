//! A CUPS queue (or any IPP printer) over IPP/HTTP: Print-Job, then Get-Job-Attributes
//! until the job ends, with Get-Printer-Attributes for the printer's own words. The `ipp`
//! crate encodes and parses; the request goes through the workspace's reqwest.

use super::Patience;
use anjungan_wire::receipt::PrintState;
use ipp::operation::IppOperation as _;
use ipp::parser::IppParser;
use ipp::prelude::*;
use std::io::Read;
use std::time::{Duration, Instant};

type Answer = (PrintState, Option<String>);

/// `ipp://host[:631]/printers/Q` → the `http://` address the request is posted to.
fn http_url(uri: &Uri) -> String {
    let scheme = match uri.scheme_str() {
        Some("ipps" | "https") => "https",
        _ => "http",
    };
    let host = uri.host().unwrap_or("localhost");
    let port = uri.port_u16().unwrap_or(631);
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    format!("{scheme}://{host}:{port}{path}")
}

async fn call(
    uri: &Uri,
    request: IppRequestResponse,
    patience: Patience,
) -> Result<IppRequestResponse, Answer> {
    let mut body = Vec::new();
    if let Err(e) = request.into_read().read_to_end(&mut body) {
        return Err((PrintState::JobFailed, Some(e.to_string())));
    }
    // A printer answers where it was asked: a redirect (to another host, or a page) is no
    // IPP answer, and is not followed.
    let client = reqwest::Client::builder()
        .connect_timeout(patience.connect)
        .timeout(patience.connect + Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| (PrintState::Offline, Some(e.to_string())))?;
    let response = client
        .post(http_url(uri))
        .header("Content-Type", "application/ipp")
        .body(body)
        .send()
        .await
        .map_err(|e| {
            (
                PrintState::Offline,
                Some(format!("{uri}: {}", without_url(&e))),
            )
        })?;
    let status = response.status();
    if !status.is_success() {
        return Err((PrintState::Offline, Some(format!("{uri}: HTTP {status}"))));
    }
    let bytes = bounded_body(response, MAX_ANSWER_BYTES)
        .await
        .map_err(|e| (PrintState::Offline, Some(format!("{uri}: {e}"))))?;
    IppParser::new(std::io::Cursor::new(bytes))
        .parse()
        .map_err(|e| {
            (
                PrintState::Offline,
                Some(format!("{uri}: not an IPP answer: {e}")),
            )
        })
}

/// The largest IPP answer read: a printer's attributes take a few kilobytes; anything near
/// this is not a printer, and is not read into the kiosk's memory.
const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// A response's body, at most `max` bytes: read piece by piece and refused past the limit.
async fn bounded_body(mut response: reqwest::Response, max: usize) -> Result<Vec<u8>, String> {
    if response.content_length().is_some_and(|n| n > max as u64) {
        return Err(format!(
            "an answer of more than {max} bytes is no printer's"
        ));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| without_url(&e))? {
        if body.len() + chunk.len() > max {
            return Err(format!(
                "an answer of more than {max} bytes is no printer's"
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn without_url(e: &reqwest::Error) -> String {
    let mut e = e.to_string();
    if let Some(i) = e.find(" for url") {
        e.truncate(i);
    }
    e
}

fn parse_uri(uri: &str) -> Result<Uri, Answer> {
    uri.parse::<Uri>()
        .map_err(|e| (PrintState::Offline, Some(format!("{uri:?}: {e}"))))
}

fn group_value(resp: &IppRequestResponse, tag: DelimiterTag, name: &str) -> Option<IppValue> {
    resp.attributes()
        .groups_of(tag)
        .find_map(|g| g.get(name))
        .map(|a| a.value().clone())
}

fn words(v: Option<IppValue>) -> Vec<String> {
    match v {
        Some(IppValue::Array(items)) => items.iter().map(ToString::to_string).collect(),
        Some(IppValue::NoValue) | None => Vec::new(),
        Some(v) => vec![v.to_string()],
    }
}

/// The printer's state, reasons and message, as one answer for staff.
struct PrinterWords {
    stopped: bool,
    paper_out: bool,
    text: String,
}

async fn printer_words(uri: &Uri, patience: Patience) -> Result<PrinterWords, Answer> {
    let op = IppOperationBuilder::get_printer_attributes(uri.clone())
        .attributes([
            "printer-state",
            "printer-state-reasons",
            "printer-state-message",
        ])
        .build()
        .map_err(|e| (PrintState::Offline, Some(e.to_string())))?;
    let resp = call(uri, op.into_ipp_request(), patience).await?;
    not_found(uri, &resp)?;
    Ok(summarise(&resp))
}

fn summarise(resp: &IppRequestResponse) -> PrinterWords {
    let state = group_value(resp, DelimiterTag::PrinterAttributes, "printer-state")
        .and_then(|v| v.as_enum().copied());
    let reasons: Vec<String> = words(group_value(
        resp,
        DelimiterTag::PrinterAttributes,
        "printer-state-reasons",
    ))
    .into_iter()
    .filter(|r| r != "none")
    .collect();
    let message = words(group_value(
        resp,
        DelimiterTag::PrinterAttributes,
        "printer-state-message",
    ))
    .join(" ");
    let mut text = reasons.join(", ");
    if !message.is_empty() {
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&message);
    }
    PrinterWords {
        stopped: state == Some(5),
        paper_out: reasons
            .iter()
            .any(|r| r.starts_with("media-empty") || r.starts_with("media-needed")),
        text,
    }
}

fn not_found(uri: &Uri, resp: &IppRequestResponse) -> Result<(), Answer> {
    let status = resp.header().status_code();
    if status == StatusCode::ClientErrorNotFound {
        return Err((
            PrintState::Offline,
            Some(format!("{uri}: the queue does not exist")),
        ));
    }
    if !status.is_success() {
        return Err((PrintState::Offline, Some(format!("{uri}: {status}"))));
    }
    Ok(())
}

fn detail(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

pub async fn probe(uri: &str, patience: Patience) -> Answer {
    let uri = match parse_uri(uri) {
        Ok(u) => u,
        Err(a) => return a,
    };
    match printer_words(&uri, patience).await {
        Ok(w) if w.paper_out => (PrintState::PaperOut, detail(w.text)),
        Ok(w) if w.stopped => (PrintState::Offline, detail(w.text)),
        Ok(w) => (PrintState::Ready, detail(w.text)),
        Err(a) => a,
    }
}

pub async fn print(uri: &str, pdf: Vec<u8>, title: &str, patience: Patience) -> Answer {
    let uri = match parse_uri(uri) {
        Ok(u) => u,
        Err(a) => return a,
    };
    match run(&uri, pdf, title, patience).await {
        Ok(a) | Err(a) => a,
    }
}

async fn run(uri: &Uri, pdf: Vec<u8>, title: &str, patience: Patience) -> Result<Answer, Answer> {
    let before = printer_words(uri, patience).await?;
    if before.paper_out {
        return Ok((PrintState::PaperOut, detail(before.text)));
    }
    if before.stopped {
        return Ok((PrintState::Offline, detail(before.text)));
    }
    let op =
        IppOperationBuilder::print_job(uri.clone(), IppPayload::new(std::io::Cursor::new(pdf)))
            .job_title(title)
            .user_name("anjungan")
            .document_format("application/pdf")
            .build()
            .map_err(|e| (PrintState::JobFailed, Some(e.to_string())))?;
    let job_id = {
        let resp = call(uri, op.into_ipp_request(), patience).await?;
        not_found(uri, &resp)?;
        group_value(&resp, DelimiterTag::JobAttributes, "job-id")
            .and_then(|v| v.as_integer().copied())
            .ok_or((
                PrintState::JobFailed,
                Some("the queue gave no job id".into()),
            ))?
    };
    let deadline = Instant::now() + patience.job;
    loop {
        let op = IppOperationBuilder::get_job_attributes(uri.clone(), job_id)
            .build()
            .map_err(|e| (PrintState::JobFailed, Some(e.to_string())))?;
        // Only owned values cross the awaits below (the response holds a reader that is
        // not Sync).
        let (state, job_words) = {
            let resp = call(uri, op.into_ipp_request(), patience).await?;
            let state = group_value(&resp, DelimiterTag::JobAttributes, "job-state")
                .and_then(|v| v.as_enum().copied())
                .unwrap_or(0);
            let mut w = words(group_value(
                &resp,
                DelimiterTag::JobAttributes,
                "job-printer-state-message",
            ));
            w.extend(words(group_value(
                &resp,
                DelimiterTag::JobAttributes,
                "job-state-reasons",
            )));
            w.retain(|s| !s.is_empty() && s != "none");
            (state, w.join("; "))
        };
        match state {
            9 => return Ok((PrintState::Printed, None)),
            7 | 8 => {
                return Ok((
                    PrintState::JobFailed,
                    detail(format!("job {job_id}: {job_words}")),
                ))
            }
            4 | 6 => {
                // Held or stopped: the printer will not finish it without staff.
                let p = printer_words(uri, patience).await?;
                let state = if p.paper_out {
                    PrintState::PaperOut
                } else {
                    PrintState::JobFailed
                };
                return Ok((
                    state,
                    detail(
                        format!("job {job_id}: {job_words} {}", p.text)
                            .trim()
                            .to_owned(),
                    ),
                ));
            }
            _ => {}
        }
        if Instant::now() >= deadline {
            let p = printer_words(uri, patience).await?;
            return Ok(if p.paper_out {
                (PrintState::PaperOut, detail(p.text))
            } else if p.stopped {
                (
                    PrintState::JobFailed,
                    detail(format!("job {job_id}: {}", p.text)),
                )
            } else {
                (PrintState::Queued, detail(format!("job {job_id}")))
            });
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A one-answer HTTP server on loopback that says `head` (and `body_len` bytes after
    /// it) to whatever it is asked; returns its `ipp://` address.
    async fn answering(head: String, body_len: usize) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                let _ = s.write_all(head.as_bytes()).await;
                let chunk = vec![0u8; 64 * 1024];
                let mut left = body_len;
                while left > 0 {
                    let n = left.min(chunk.len());
                    if s.write_all(&chunk[..n]).await.is_err() {
                        break;
                    }
                    left -= n;
                }
            }
        });
        format!("ipp://{addr}/printers/Q")
    }

    fn patience() -> Patience {
        Patience {
            connect: Duration::from_secs(2),
            job: Duration::from_secs(2),
            status_reply: Duration::from_secs(1),
        }
    }

    #[tokio::test]
    async fn a_redirect_is_not_followed_and_an_endless_answer_is_not_read() {
        // A "printer" that sends the kiosk elsewhere: not followed, said plainly.
        let other = answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".into(), 0).await;
        let moved = answering(
            format!(
                "HTTP/1.1 302 Found\r\nLocation: {}\r\nContent-Length: 0\r\n\r\n",
                other.replace("ipp://", "http://")
            ),
            0,
        )
        .await;
        let (state, detail) = probe(&moved, patience()).await;
        assert_eq!(state, PrintState::Offline);
        assert!(detail.is_some_and(|d| d.contains("302")));
        // One that answers without end (or claims 50 MB): refused before it fills memory.
        for head in [
            "HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nContent-Length: 52428800\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nTransfer-Encoding: identity\r\nConnection: close\r\n\r\n",
        ] {
            let endless = answering(head.into(), 8 * 1024 * 1024).await;
            let (state, detail) = probe(&endless, patience()).await;
            assert_eq!(state, PrintState::Offline);
            assert!(
                detail.as_deref().is_some_and(|d| d.contains("no printer's")),
                "{detail:?}"
            );
        }
    }
}
