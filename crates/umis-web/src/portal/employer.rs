//! Pages of the portal: employer.

use super::PageRoute;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[];
