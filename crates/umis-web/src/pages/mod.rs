//! Server-rendered pages on API routes (the verification page, drawn in the portal's frame with
//! the portal's security policy). Every value shown is HTML-escaped by the portal's askama
//! templates.

pub mod verify;
