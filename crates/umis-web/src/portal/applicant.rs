//! Pages of the portal: applicant.

use super::PageRoute;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[];
