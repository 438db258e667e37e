//! What the fuzz targets share: fixed test keys, the secrets check, the text form of a
//! scripted server answer, and a loopback server that plays such answers.
//!
//! Every target asserts a promise of bunq-context, not only that nothing crashes; a broken
//! promise panics, which libFuzzer reports as a crash with the input that broke it.

pub mod answer;
pub mod keys;
pub mod loopback;
pub mod round_trip;
pub mod secrets;
