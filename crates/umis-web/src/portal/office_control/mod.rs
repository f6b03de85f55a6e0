//! Pages of the portal: stay control for office staff (findings, traveller search).

use super::PageRoute;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[];
