//! calamine can panic on a damaged file (an arithmetic overflow on a cell reference in a debug
//! build, an index out of range): such a panic becomes a Spanish error naming the file, not a
//! crash, and its English message is not printed.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside [`catching`], where a panic is reported as an error.
    static CAUGHT: Cell<bool> = const { Cell::new(false) };
}

/// Runs the spreadsheet library; `Err` says, in Spanish, that it failed on this file.
pub fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CAUGHT.with(Cell::get) {
                previous(info);
            }
        }));
    });
    CAUGHT.with(|c| c.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    CAUGHT.with(|c| c.set(false));
    result.map_err(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!(
            "la biblioteca de lectura falló con este libro: está dañado o es inválido; ábralo y \
             guárdelo de nuevo. Detalle técnico: {detail}"
        )
    })
}
