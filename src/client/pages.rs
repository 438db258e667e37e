//! Walking a list endpoint page by page.
//!
//! bunq lists newest first, `count` items a page (at most 200), and links the next older page
//! in `Pagination.older_url`. [`Pages`] follows those links to the oldest page; afterwards
//! [`Pages::future_url`] is where items newer than everything seen will appear, to poll later
//! with [`Client::pages`] again.
//!
//! A walk whose `older_url` leads back to a page it has already fetched (a broken or hostile
//! server) ends with an error instead of going round forever.

use std::collections::HashSet;

use crate::error::{Error, ErrorKind, Result, excerpt};
use crate::request::Request;
use crate::response::Response;

use super::Client;

/// An iterator over the pages of a list, newest first. Each item is one verified answer; an
/// error ends the iteration.
#[derive(Debug)]
pub struct Pages<'a> {
    client: &'a Client,
    next: Option<Request>,
    future_url: Option<String>,
    /// Every page fetched, as path and query: a link back to one of them is a loop.
    fetched: HashSet<String>,
}

impl<'a> Pages<'a> {
    pub(super) fn new(client: &'a Client, request: Request) -> Pages<'a> {
        Pages {
            client,
            next: Some(request),
            future_url: None,
            fetched: HashSet::new(),
        }
    }
}

impl Pages<'_> {
    /// The `future_url` of the first (newest) page: request it later for items created
    /// since. `None` until the first page has been fetched.
    pub fn future_url(&self) -> Option<&str> {
        self.future_url.as_deref()
    }

    fn fetch(&mut self, request: Request) -> Result<Response> {
        let page = request.path_and_query();
        let relative = page.trim_start_matches('/');
        let relative = relative.strip_prefix("v1/").unwrap_or(relative);
        if !self.fetched.insert(relative.to_owned()) {
            return Err(Error::new(
                ErrorKind::Json,
                format!(
                    "bunq's older_url leads back to {}, a page already fetched: the walk \
                     stops here instead of going round forever",
                    excerpt(&page)
                ),
            ));
        }
        let response = self.client.send(&request)?;
        let pagination = response.pagination()?.unwrap_or_default();
        if self.future_url.is_none() {
            self.future_url = pagination.future_url;
        }
        self.next = pagination
            .older_url
            .map(|url| request.headers_for(Request::get(url)));
        Ok(response)
    }
}

impl Iterator for Pages<'_> {
    type Item = Result<Response>;

    fn next(&mut self) -> Option<Self::Item> {
        let request = self.next.take()?;
        Some(self.fetch(request))
    }
}
