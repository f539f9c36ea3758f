//! 全部打印 on a worker thread: a progress bar with the form being printed, and 取消.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::domain::Content;
use crate::domain::forms::FormInfo;
use crate::report::ReportError;
use crate::report::all::AllReport;
use crate::report::forms::Subject;

enum Message {
    Progress { done: usize, total: usize, title: String },
    Finished(Result<AllReport, ReportError>),
}

/// How a print job ended: the message for the user, whether it is an error, and the folder.
pub struct Outcome {
    pub text: String,
    pub error: bool,
    pub dir: PathBuf,
}

pub struct PrintJob {
    rx: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    done: usize,
    total: usize,
    title: String,
    dir: PathBuf,
}

impl PrintJob {
    /// Starts printing `forms` for `subject` into `dir` on a worker thread.
    pub fn start(
        content: Content,
        subject: Subject,
        forms: Vec<&'static FormInfo>,
        dir: PathBuf,
        ctx: &egui::Context,
    ) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let total = forms.len();
        let (flag, ctx, folder) = (Arc::clone(&cancel), ctx.clone(), dir.clone());
        std::thread::spawn(move || {
            let progress_tx = std::sync::Mutex::new(tx.clone());
            let progress = |done: usize, total: usize, title: &str| {
                if let Ok(tx) = progress_tx.lock() {
                    let _ = tx.send(Message::Progress { done, total, title: title.to_owned() }); // window may be gone
                }
                ctx.request_repaint();
            };
            let result = crate::report::all::print_all(&content, &subject, &forms, &folder, &progress, &flag);
            let _ = tx.send(Message::Finished(result)); // the window may be gone
            ctx.request_repaint();
        });
        Self { rx, cancel, done: 0, total, title: String::new(), dir }
    }

    /// Draws the progress and 取消; returns the outcome once the job has ended.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Outcome> {
        loop {
            match self.rx.try_recv() {
                Ok(Message::Progress { done, total, title }) => {
                    (self.done, self.total, self.title) = (done, total, title)
                }
                Ok(Message::Finished(result)) => return Some(self.outcome(result)),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    return Some(self.outcome(Err(ReportError::Internal("打印线程意外结束".to_owned()))));
                }
            }
        }
        ui.horizontal(|ui| {
            let fraction = if self.total == 0 { 0.0 } else { self.done as f32 / self.total as f32 };
            ui.label("全部打印：");
            ui.add(
                egui::ProgressBar::new(fraction).desired_width(300.0).text(format!("{} / {}", self.done, self.total)),
            );
            if !self.title.is_empty() {
                ui.weak(format!("已完成：{}", self.title));
            }
            let cancelling = self.cancel.load(Ordering::Relaxed);
            if ui.add_enabled(!cancelling, egui::Button::new(if cancelling { "正在取消…" } else { "取消" })).clicked()
            {
                self.cancel.store(true, Ordering::Relaxed);
            }
        });
        None
    }

    fn outcome(&self, result: Result<AllReport, ReportError>) -> Outcome {
        let dir = self.dir.clone();
        match result {
            Ok(report) => {
                let mut text = format!(
                    "{}：{} 个表格，共 {} 页，已存入 {}",
                    if report.cancelled { "已取消全部打印，已完成" } else { "已全部打印" },
                    report.files.len(),
                    report.pages(),
                    dir.display()
                );
                let missing: Vec<char> = report.missing.iter().copied().collect();
                if let Some(note) = crate::report::missing_note(&missing) {
                    text.push_str(&format!("。{note}"));
                }
                Outcome { text, error: !missing.is_empty(), dir }
            }
            Err(e) => Outcome { text: format!("全部打印失败：{e}"), error: true, dir },
        }
    }
}
