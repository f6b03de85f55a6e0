//! Pages of the portal: operator.

use super::PageRoute;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[];
