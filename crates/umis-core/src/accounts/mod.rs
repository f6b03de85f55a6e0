//! Accounts: passwords, second factors, sessions and sign-in throttling.
