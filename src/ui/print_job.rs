//! Printing on a worker thread, so that a large unit's print does not freeze the window:
//! 全部打印 with a progress bar, the form being printed and 取消; one form (保存为 PDF) with
//! what is being printed.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::domain::Content;
use crate::domain::forms::{FormId, FormInfo};
use crate::report::ReportError;
use crate::report::all::AllReport;
use crate::report::forms::Subject;

enum Message {
    Progress { done: usize, total: usize, title: String },
    Finished(Result<Done, ReportError>),
}

/// What a finished job made.
enum Done {
    All(AllReport),
    /// One PDF: its pages and the characters no font has.
    One {
        pages: usize,
        missing: Vec<char>,
    },
}

/// How a print job ended: the message for the user, whether it is an error, the file or
/// folder it wrote, and a warning to show beside it.
pub struct Outcome {
    pub text: String,
    pub error: bool,
    pub open: PathBuf,
    pub warning: Option<String>,
}

pub struct PrintJob {
    rx: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    done: usize,
    total: usize,
    title: String,
    /// The folder of 全部打印, or the one PDF.
    target: PathBuf,
    /// One form, by its title: nothing to count or cancel.
    single: Option<String>,
}

impl PrintJob {
    /// Starts printing `forms` for `subject` into `dir` on a worker thread.
    pub fn start(
        content: Arc<Content>,
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
            let _ = tx.send(Message::Finished(result.map(Done::All))); // the window may be gone
            ctx.request_repaint();
        });
        Self { rx, cancel, done: 0, total, title: String::new(), target: dir, single: None }
    }

    /// Starts building, laying out and writing the form `form` of `content` for `subject` as
    /// one PDF at `path`.
    pub fn start_one(
        content: Arc<Content>,
        form: FormId,
        subject: Subject,
        path: PathBuf,
        ctx: &egui::Context,
    ) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        let title = crate::report::forms::title(&content, form);
        let (ctx, file) = (ctx.clone(), path.clone());
        std::thread::spawn(move || {
            let result = crate::report::print_file(&content, form, &subject, &file)
                .map(|printed| Done::One { pages: printed.pages, missing: printed.missing });
            let _ = tx.send(Message::Finished(result)); // the window may be gone
            ctx.request_repaint();
        });
        let cancel = Arc::new(AtomicBool::new(false));
        Self { rx, cancel, done: 0, total: 1, title: String::new(), target: path, single: Some(title) }
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
        if let Some(title) = &self.single {
            // No spinner: it would repaint every frame; the worker wakes the window when done.
            ui.label(format!("正在打印“{title}”，完成后在此提示……"));
            return None;
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

    fn outcome(&self, result: Result<Done, ReportError>) -> Outcome {
        let open = self.target.clone();
        match result {
            Ok(Done::One { pages, missing }) => Outcome {
                text: format!("已保存 PDF：{}（{pages} 页）", open.display()),
                error: false,
                warning: crate::report::missing_note(&missing),
                open,
            },
            Ok(Done::All(report)) => {
                let mut text = format!(
                    "{}：{} 个表格，共 {} 页，已存入 {}",
                    if report.cancelled { "已取消全部打印，已完成" } else { "已全部打印" },
                    report.files.len(),
                    report.pages(),
                    open.display()
                );
                let missing: Vec<char> = report.missing.iter().copied().collect();
                if let Some(note) = crate::report::missing_note(&missing) {
                    text.push_str(&format!("。{note}"));
                }
                Outcome { text, error: !missing.is_empty(), open, warning: None }
            }
            Err(e) => {
                let what = if self.single.is_some() { "打印失败" } else { "全部打印失败" };
                Outcome { text: format!("{what}：{e}"), error: true, open, warning: None }
            }
        }
    }
}
