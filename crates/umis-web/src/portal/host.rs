//! Pages of the portal: host.

use super::PageRoute;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[];
