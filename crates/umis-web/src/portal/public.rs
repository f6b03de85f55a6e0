//! Pages of the portal: public.

use super::PageRoute;

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[];
