//! Pages of the portal: supervisor.

use super::PageRoute;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[];
