//! Pages of the portal: officer.

use super::PageRoute;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[];
