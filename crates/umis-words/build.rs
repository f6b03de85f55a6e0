//! The Fluent files are compiled in; a file added to or removed from `locales/` rebuilds the
//! crate (files already included are tracked by the compiler itself).

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
