//! The `bunq_pages` handle: a walk through every page of a list, newest first.
//!
//! An iterator handle rather than a callback: it suits C loops and the bindings' iterators
//! (Python generators, PHP and C# enumerators) without C calling back into them.

use std::os::raw::c_char;
use std::process;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, ThreadId};

use bunq::api::{Answer, AnswerKind, Operation, unwrap_page};
use bunq::{Client, Pages};

use crate::boundary::arguments::{handle, optional_string, out, string};
use crate::boundary::failure::{Failure, Outcome};
use crate::boundary::handles::{free_handle, new_handle};
use crate::boundary::panic_boundary::{call, guard};
use crate::boundary::requests;
use crate::boundary::status::bunq_status;
use crate::boundary::strings::owned_c_string;
use crate::calls::call_of;
use crate::client::{bunq_client, client_of};
use crate::response::bunq_response;

/// A walk through the pages of a list endpoint, following `Pagination.older_url` from the
/// newest page to the oldest. Opaque; made by `bunq_pages_new`, released with
/// `bunq_pages_free`. Calls on one walk from several threads are serialised.
pub struct bunq_pages {
    // Declared before `_owner`, so dropped first: the walk borrows the client.
    walk: Mutex<Pages<'static>>,
    /// The thread (and its process) stepping the walk now, if one is: a step asked for by
    /// that same thread (from an event callback of the page request) would wait for itself.
    stepping: Mutex<Option<Stepper>>,
    /// The walk's future URL as of its last page: readable while a step is in progress.
    future_url: Mutex<Option<String>>,
    /// The list operation of a walk started by name (`bunq_pages_new_call`): what
    /// `bunq_pages_next_objects` unwraps each page as.
    operation: Option<&'static Operation>,
    _owner: Arc<Client>,
}

/// A thread, and the process it runs in.
type Stepper = (u32, ThreadId);

fn current_stepper() -> Stepper {
    (process::id(), thread::current().id())
}

/// Locks a mutex whose data stays valid after a panic elsewhere.
fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poison| poison.into_inner())
}

impl bunq_pages {
    fn new(
        client: Arc<Client>,
        operation: Option<&'static Operation>,
        walk: impl FnOnce(&'static Client) -> Pages<'static>,
    ) -> Self {
        // SAFETY: the Client lives in the Arc's heap allocation, which neither moves nor is
        // freed while `self._owner` holds it; `walk` is private and dropped before
        // `_owner`, so the 'static borrow never outlives the Client.
        let borrowed: &'static Client = unsafe { &*Arc::as_ptr(&client) };
        bunq_pages {
            walk: Mutex::new(walk(borrowed)),
            stepping: Mutex::new(None),
            future_url: Mutex::new(None),
            operation,
            _owner: client,
        }
    }

    /// The next page, after any step in progress on another thread. Refused at once when
    /// the calling thread is the one stepping (a nested call from an event callback), or when
    /// a thread of another process was (this process is a fork of that one, and the walk's
    /// lock went with the thread that held it).
    fn step(&self) -> Outcome<Option<bunq::Result<bunq::Response>>> {
        let me = current_stepper();
        match *locked(&self.stepping) {
            Some(stepper) if stepper == me => {
                return Err(Failure::invalid_input(
                    "bunq_pages_next was called from inside an event callback of this walk's \
                     own page request, on the same thread: call it after the callback returns",
                ));
            }
            Some((process, _)) if process != me.0 => {
                return Err(Failure::invalid_input(
                    "this walk was fetching a page in the process this one was forked from: \
                     start a new walk with bunq_pages_new",
                ));
            }
            _ => {}
        }
        let mut walk = locked(&self.walk);
        let _stepping = Stepping::start(&self.stepping, me);
        let page = walk.next();
        *locked(&self.future_url) = walk.future_url().map(str::to_owned);
        Ok(page)
    }
}

/// Marks a walk as being stepped by one thread until dropped (also by a panic).
struct Stepping<'a>(&'a Mutex<Option<Stepper>>);

impl<'a> Stepping<'a> {
    fn start(stepping: &'a Mutex<Option<Stepper>>, stepper: Stepper) -> Stepping<'a> {
        *locked(stepping) = Some(stepper);
        Stepping(stepping)
    }
}

impl Drop for Stepping<'_> {
    fn drop(&mut self) {
        *locked(self.0) = None;
    }
}

/// Starts a walk through every page of the list at `path` (borrowed, e.g.
/// `"user/1/payment"`), with the query `query_json` (borrowed, may be NULL; e.g.
/// `{"count": 200}` for the largest pages, in the shapes `bunq_client_request` takes). No
/// call is made yet. On success `*out_pages` is a new handle the caller owns: release it
/// with `bunq_pages_free`. The walk keeps the client alive even if it is freed first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_pages_new(
    client: *const bunq_client,
    path: *const c_char,
    query_json: *const c_char,
    out_pages: *mut *mut bunq_pages,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let path = unsafe { string(path, "path") }?;
        let query_json = unsafe { optional_string(query_json, "query_json") }?;
        let out_pages = unsafe { out(out_pages, "out_pages") }?;
        let first = requests::build("GET", path, query_json, None)?;
        let pages = bunq_pages::new(Arc::clone(&client), None, |client| client.pages(first));
        out_pages.write(new_handle(pages));
        Ok(())
    })
}

/// Starts a walk through every page of the list operation `name` (borrowed, e.g.
/// `"Payment.list"`), with `ids_json` and `query_json` as `bunq_client_call` takes them (e.g.
/// `{"monetary_account_id": 7}` and `{"count": 200}`). The call is checked now (an unknown
/// name, a wrong id or an operation that does not answer a list is
/// `BUNQ_ERROR_INVALID_INPUT`); no page is fetched yet. Read it with
/// `bunq_pages_next_objects` (or `bunq_pages_next` for the raw pages). On success
/// `*out_pages` is a new handle the caller owns: release it with `bunq_pages_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_pages_new_call(
    client: *const bunq_client,
    name: *const c_char,
    ids_json: *const c_char,
    query_json: *const c_char,
    out_pages: *mut *mut bunq_pages,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let client = unsafe { client_of(client) }?;
        let name = unsafe { string(name, "name") }?;
        let ids_json = unsafe { optional_string(ids_json, "ids_json") }?;
        let query_json = unsafe { optional_string(query_json, "query_json") }?;
        let out_pages = unsafe { out(out_pages, "out_pages") }?;
        let operation = bunq::api::operation(name)?;
        if operation.answer() != AnswerKind::List {
            return Err(Failure::invalid_input(format!(
                "{name} answers {}, not a list: call it with bunq_client_call",
                operation.answer().as_str()
            )));
        }
        let prepared = client.prepare(&call_of(name, ids_json, None, query_json)?)?;
        let first = prepared.into_request();
        let pages = bunq_pages::new(Arc::clone(&client), Some(operation), |client| {
            client.pages(first)
        });
        out_pages.write(new_handle(pages));
        Ok(())
    })
}

/// Fetches the next (older) page of a walk started with `bunq_pages_new_call` and gives its
/// objects unwrapped, as a JSON array in the form `bunq_client_call` gives a list (each object
/// wrapped in its kind for an anchor such as `MonetaryAccount.list`). On success
/// `*out_objects_json` is a string the caller owns (release it with `bunq_string_free`), or
/// NULL when the walk is over. A walk from `bunq_pages_new` has no operation to unwrap by:
/// `BUNQ_ERROR_INVALID_INPUT`. Otherwise as `bunq_pages_next`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_pages_next_objects(
    pages: *const bunq_pages,
    out_objects_json: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let pages = unsafe { pages_of(pages) }?;
        let out_objects_json = unsafe { out(out_objects_json, "out_objects_json") }?;
        let operation = pages.operation.ok_or_else(|| {
            Failure::invalid_input(
                "this walk was started with bunq_pages_new, by path: read it with \
                 bunq_pages_next (bunq_pages_new_call starts one by name)",
            )
        })?;
        let objects = match pages.step()? {
            None => std::ptr::null_mut(),
            Some(page) => {
                let key = operation.object_key().unwrap_or_default();
                let objects = Answer::List(unwrap_page(&page?, key)?);
                let json = objects.into_json(operation).unwrap_or_default();
                owned_c_string(json.to_string(), "the objects")?
            }
        };
        out_objects_json.write(objects);
        Ok(())
    })
}

/// Fetches the next (older) page. On success `*out_page` is a new response the caller owns
/// (release it with `bunq_response_free`), or NULL when the walk is over. A failure also
/// ends the walk: the next call gives NULL. Called from an event callback of this walk's own
/// page request (on the thread fetching it), it fails at once with
/// `BUNQ_ERROR_INVALID_INPUT`; from another thread it waits for that page.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_pages_next(
    pages: *const bunq_pages,
    out_page: *mut *mut bunq_response,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let pages = unsafe { pages_of(pages) }?;
        let out_page = unsafe { out(out_page, "out_page") }?;
        let page = match pages.step()? {
            None => std::ptr::null_mut(),
            Some(result) => new_handle(bunq_response { response: result? }),
        };
        out_page.write(page);
        Ok(())
    })
}

/// The `future_url` of the newest page: request it later for items created since. On
/// success `*out_url` is a string the caller owns (release it with `bunq_string_free`), or
/// NULL before the first page or when bunq gave none. Never waits for a page being fetched
/// (it may be called from an event callback of that fetch): it gives the URL as of the
/// pages fetched so far.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_pages_future_url(
    pages: *const bunq_pages,
    out_url: *mut *mut c_char,
) -> bunq_status {
    call(|| {
        // SAFETY: the C caller's promises (see the module rules).
        let pages = unsafe { pages_of(pages) }?;
        let out_url = unsafe { out(out_url, "out_url") }?;
        let known = locked(&pages.future_url).clone();
        let url = match known {
            None => std::ptr::null_mut(),
            Some(url) => owned_c_string(url, "the future URL")?,
        };
        out_url.write(url);
        Ok(())
    })
}

/// Releases a walk. NULL is allowed. Must not race with other calls on the same handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bunq_pages_free(pages: *mut bunq_pages) {
    guard((), || {
        // SAFETY: NULL or a live handle, released once (the caller's promise).
        unsafe { free_handle(pages) }
    })
}

/// # Safety
/// `pages` is NULL or a live `bunq_pages`.
unsafe fn pages_of<'a>(pages: *const bunq_pages) -> Outcome<&'a bunq_pages> {
    // SAFETY: passed on from the caller.
    unsafe { handle(pages, "pages") }
}
