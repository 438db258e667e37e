//! Gives the shared library a SONAME on Linux, so that the dynamic loader and tools such as
//! Python's `ctypes.util.find_library("bunq")` can find it by name.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libbunq.so");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
