//! Verifiable documents: Ed25519-signed credentials, their QR codes and PDF documents.
