//! The bounded worker pool: `map` runs calls over many items in order, stopping on a fatal error.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use super::{lock, Client};
use crate::error::Error;

impl Client {
    /// Runs `f` over `items` on `--concurrency` workers. Returns one slot per item, in
    /// order: `None` for items not started because the run stopped (cost limit). A fatal
    /// error (bad key, unknown model ...) stops every worker and becomes `Err`.
    pub fn map<T, R, F>(&self, items: &[T], f: F) -> Result<Vec<Option<R>>, Error>
    where
        T: Sync,
        R: Send,
        F: Fn(&Client, usize, &T) -> R + Sync,
    {
        let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let workers = self.config.concurrency.clamp(1, items.len().max(1));
        let started = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| loop {
                    if self.stopping() {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= items.len() {
                        break;
                    }
                    let r = f(self, i, &items[i]);
                    *lock(&slots[i]) = Some(r);
                    if let Some(bar) = lock(&self.progress).as_ref() {
                        bar.inc(1);
                        bar.set_message(self.totals().summary());
                    }
                });
            }
        });
        self.ui.debug(format!(
            "{} items in {:.1}s: {}",
            items.len(),
            started.elapsed().as_secs_f64(),
            self.totals().summary()
        ));
        if let Some(m) = self.fatal() {
            return Err(Error::Network(m));
        }
        Ok(slots
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()))
            .collect())
    }
}
