//! The same binary without a window: demo data, checks, JSON dump and load.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod xlsx;

use crate::domain::content::{DUMP_FORMAT, Dump};
use crate::domain::{Scheme, forms};
use crate::fsutil::{refuse_overwriting_input, write_atomically};
use crate::store::{Store, VersionState, check_file, schema};

/// 廉政风险防控管理系统 (lianfang) — integrity-risk prevention and control.
///
/// 不带命令运行时打开图形界面；下列命令不打开窗口。
/// Without a command the window opens; the commands below run without one.
#[derive(Debug, Parser)]
#[command(name = "lianfang", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// 要打开的数据文件（默认：上次打开的文件，第一次运行时显示开始页） / data file to open in the window
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 生成示例数据文件 / write a realistic demo file built from a seed's scheme
    Demo {
        /// 输出文件 / output .db file (must not exist)
        #[arg(long)]
        out: PathBuf,
        /// 方案模板编号，见 `lianfang schemes` / scheme id, see `lianfang schemes`
        #[arg(long, default_value = "tjbh2012")]
        scheme: String,
        /// 风险点数（复制示例的风险点及其措施、审核记录，用于大规模试用） / grow the demo to this many risk points
        #[arg(long)]
        risk_points: Option<usize>,
    },
    /// 检查数据文件是否完好 / check that a file is a sound lianfang file (exit 0) or say why not
    Check {
        /// 要检查的文件 / file to check
        file: PathBuf,
    },
    /// 导出全部内容为 JSON / write the whole content as JSON
    Dump {
        /// 数据文件 / data file
        file: PathBuf,
        /// 输出的 JSON 文件 / output JSON file
        #[arg(long)]
        out: PathBuf,
    },
    /// 由 JSON 生成新的数据文件 / build a new data file from a dump
    Load {
        /// `lianfang dump` 生成的 JSON / JSON written by `lianfang dump`
        file: PathBuf,
        /// 新数据文件（不得已存在） / new .db file (must not exist)
        #[arg(long)]
        out: PathBuf,
    },
    /// 导出报送文件和报送单 / write the hand-up copy and its slip into a folder
    Export {
        /// 数据文件 / data file
        file: PathBuf,
        /// 输出文件夹 / output folder
        #[arg(long)]
        out: PathBuf,
    },
    /// 汇总多个单位的报送文件 / consolidate units' files into an area file
    Consolidate {
        /// 汇总文件（不存在时新建） / area file (created when missing)
        #[arg(long)]
        into: PathBuf,
        /// 各单位的报送文件 / the units' files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 另存汇总统计表为 PDF / also print the area's 统计表 as PDF
        #[arg(long)]
        report: Option<PathBuf>,
        /// 报送单上的核验码，按文件顺序每个文件一个；不符的文件拒绝导入 /
        /// the 核验码 of each file's slip, in file order; a file whose code differs is refused
        #[arg(long)]
        expect: Vec<String>,
    },
    /// 打印表格为 PDF / print a form (or, with --all, every form) as PDF
    Print {
        /// 表格编号，见 `lianfang forms` / form id, see `lianfang forms`
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        form: Option<String>,
        /// 打印全部表格到 --out 文件夹 / print every form into the --out folder
        #[arg(long)]
        all: bool,
        /// 数据文件 / data file
        #[arg(long)]
        db: PathBuf,
        /// 输出的 PDF（--all 时为文件夹） / output PDF (a folder with --all)
        #[arg(long)]
        out: PathBuf,
        /// 只打印这个部门 / only this department
        #[arg(long)]
        dept: Option<String>,
        /// 只打印这个岗位（“岗位”或“部门/岗位”） / only this post (`post` or `dept/post`)
        #[arg(long)]
        post: Option<String>,
        /// 只打印这个人 / only this person
        #[arg(long)]
        person: Option<String>,
    },
    /// 导出全部名单为 Excel 工作簿 / write the unit's lists as an Excel workbook
    XlsxExport {
        /// 数据文件 / data file
        file: PathBuf,
        /// 输出的 .xlsx 文件 / output .xlsx file
        #[arg(long)]
        out: PathBuf,
    },
    /// 从 Excel/WPS 工作簿导入名单 / import lists from an Excel/WPS workbook
    XlsxImport {
        /// .xlsx、.xls 或 .ods 文件 / workbook to import
        file: PathBuf,
        /// 导入到这个数据文件 / data file to import into
        #[arg(long)]
        db: PathBuf,
        /// 只导入这个工作表 / only this sheet
        #[arg(long)]
        sheet: Option<String>,
        /// 只列出每行将如何导入，不写入文件 / print the preview, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// 列出方案模板 / list the scheme presets
    Schemes,
    /// Test aid: commit `count` edits, printing `saved N` after each commit.
    #[command(hide = true)]
    StressEdit {
        file: PathBuf,
        #[arg(long, default_value_t = 1000)]
        count: u32,
        #[arg(long, default_value = "压力测试")]
        tag: String,
    },
    /// 列出可打印的表格 / list the printable forms
    Forms,
}

/// Runs a command; `Err` carries the Chinese message for stderr.
pub fn run(command: Command) -> Result<String, String> {
    match command {
        Command::Demo { out, scheme, risk_points } => demo(&out, &scheme, risk_points),
        Command::Check { file } => check(&file),
        Command::Dump { file, out } => dump(&file, &out),
        Command::Load { file, out } => load(&file, &out),
        Command::Export { file, out } => export(&file, &out),
        Command::Consolidate { into, files, report, expect } => consolidate(&into, &files, report.as_deref(), &expect),
        Command::Print { form, all, db, out, dept, post, person } => {
            // A mistyped form id is refused before the file is read, naming the ids there are.
            let form = form.filter(|_| !all).map(|f| f.parse::<forms::FormId>()).transpose()?;
            refuse_overwriting_input(&out, &[&db])?;
            // All forms: the faces are parsed beside the reading. One form (a large one may
            // hold 100,000 rows): only once its data is let go, to keep the peak down.
            let _fonts = crate::report::warm_up(all);
            // The review history, which no form prints, is checked and let go.
            let content =
                Store::read_checked_keeping(&db, crate::store::Keep::WithoutHistory).map_err(|e| e.to_string())?;
            let subject =
                crate::report::forms::Subject::by_names(&content, dept.as_deref(), post.as_deref(), person.as_deref())
                    .map_err(|e| e.to_string())?;
            match form {
                Some(form) => print(content, form, &subject, &out),
                None => print_all(&content, &subject, &out),
            }
        }
        Command::XlsxExport { file, out } => xlsx::export(&file, &crate::fsutil::ensure_extension(&out, "xlsx")),
        Command::XlsxImport { file, db, sheet, dry_run } => xlsx::import(&file, &db, sheet.as_deref(), dry_run),
        Command::Schemes => schemes(),
        Command::StressEdit { file, count, tag } => stress_edit(&file, count, &tag),
        Command::Forms => {
            Ok(forms::CATALOGUE.iter().map(|f| format!("{:<24}{}（{}）\n", f.id, f.title, f.seeds)).collect())
        }
    }
}

/// Prints the result of `run` and turns it into an exit code.
/// Output that cannot be written (a closed pipe: `lianfang … | head`) is not an error of the
/// command, whose work is done; it must not panic as `print!` would.
pub fn finish(result: Result<String, String>) -> ExitCode {
    use std::io::Write as _;
    match result {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes()); // see above
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(std::io::stderr().lock(), "错误：{message}"); // nowhere else to report it
            ExitCode::FAILURE
        }
    }
}

fn demo(out: &Path, scheme: &str, risk_points: Option<usize>) -> Result<String, String> {
    let content = match risk_points {
        Some(n) => crate::demo::scaled(scheme, n),
        None => crate::demo::build(scheme),
    }
    .map_err(|e| e.to_string())?;
    let store = Store::create(out, &content).map_err(|e| e.to_string())?;
    store.close().map_err(|e| e.to_string())?;
    Ok(format!(
        "已生成示例数据：{}（{}，{} 个部门，{} 个岗位，{} 个风险点）\n",
        out.display(),
        content.unit.name,
        content.departments.len(),
        content.posts.len(),
        content.risk_points.len()
    ))
}

fn check(file: &Path) -> Result<String, String> {
    let report = check_file(file).map_err(|e| e.to_string())?;
    match report.version {
        VersionState::Newer(v) => Err(format!(
            "“{}”由更新版本的程序保存（数据版本 {v}，本程序支持 {}），本程序无法完整检查，只能只读查看",
            file.display(),
            schema::SCHEMA_VERSION
        )),
        VersionState::Older(v) => Ok(format!(
            "文件完好：{}（{}，{} 个风险点；数据版本 {v}，打开时将升级到 {}）\n",
            file.display(),
            report.unit_name,
            report.risk_points,
            schema::SCHEMA_VERSION
        )),
        VersionState::Current => {
            let sha = crate::store::sha256_file(file).map_err(|e| e.to_string())?;
            Ok(format!(
                "文件完好：{}（{}，{} 个风险点，{} 字节）\n核验码：{}\nSHA-256：{sha}\n",
                file.display(),
                report.unit_name,
                report.risk_points,
                report.size_bytes,
                crate::store::verification_code(&sha)
            ))
        }
    }
}

fn dump(file: &Path, out: &Path) -> Result<String, String> {
    refuse_overwriting_input(out, &[file])?;
    let store = Store::open_read_only(file).map_err(|e| e.to_string())?;
    let content = store.load().map_err(|e| e.to_string())?;
    let version = u32::try_from(schema::SCHEMA_VERSION).map_err(|e| e.to_string())?;
    let doc = Dump { format: DUMP_FORMAT.to_owned(), version, content };
    let text = serde_json::to_string_pretty(&doc).map_err(|e| format!("无法生成 JSON：{e}"))?;
    write_atomically(out, text.as_bytes())?;
    Ok(format!("已导出：{}\n", out.display()))
}

fn load(file: &Path, out: &Path) -> Result<String, String> {
    refuse_overwriting_input(out, &[file])?;
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("无法读取 {}：{}", file.display(), crate::fsutil::io_reason(&e)))?;
    let doc: Dump = serde_json::from_str(&text)
        .map_err(|e| format!("{} 不是有效的导出文件（第 {} 行第 {} 列有误）", file.display(), e.line(), e.column()))?;
    if doc.format != DUMP_FORMAT {
        return Err(format!("{} 不是本系统导出的 JSON（format 应为 {DUMP_FORMAT}）", file.display()));
    }
    if i64::from(doc.version) > i64::from(schema::SCHEMA_VERSION) {
        return Err(format!("{} 由更新版本的程序导出（版本 {}），本程序无法读取", file.display(), doc.version));
    }
    let store = Store::create(out, &doc.content).map_err(|e| e.to_string())?;
    store.close().map_err(|e| e.to_string())?;
    Ok(format!("已生成：{}（{}）\n", out.display(), doc.content.unit.name))
}

fn export(file: &Path, out: &Path) -> Result<String, String> {
    refuse_overwriting_input(out, &[file])?;
    // The file's structure is checked before anything is made; its rows are checked in the
    // copy (a refused copy is removed, and the folder if this command made it).
    let store = Store::open_to_copy(file).map_err(|e| e.to_string())?;
    let made = !out.exists();
    std::fs::create_dir_all(out)
        .map_err(|e| format!("无法创建文件夹 {}：{}", out.display(), crate::fsutil::io_reason(&e)))?;
    let report = store.export(out).map_err(|e| {
        if made {
            // A refused copy leaves nothing, not even the folder made for it (empty by now).
            let _ = std::fs::remove_dir(out);
        }
        e.to_string()
    })?;
    let slip = crate::report::write_slip(&report).map_err(|e| e.to_string())?;
    Ok(format!(
        "已导出报送文件：{}\nSHA-256：{}\n报送单：{}、{}\n",
        report.path.display(),
        report.sha256,
        report.slip.display(),
        slip.display()
    ))
}

/// One result line per file; the others go on when one is refused. Fails if any was refused.
fn consolidate(into: &Path, files: &[PathBuf], statistics: Option<&Path>, expect: &[String]) -> Result<String, String> {
    use crate::store::consolidate::Area;
    if !expect.is_empty() && expect.len() != files.len() {
        return Err(format!(
            "给出了 {} 个核验码，但有 {} 个文件：请按文件顺序每个文件给一个核验码",
            expect.len(),
            files.len()
        ));
    }
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    refuse_overwriting_input(into, &inputs)?;
    if let Some(report) = statistics {
        refuse_overwriting_input(report, &[&inputs[..], &[into]].concat())?;
    }
    let mut area = Area::open_or_create(into).map_err(|e| e.to_string())?;
    let mut out = String::new();
    let mut refused = 0;
    let expected: Vec<Option<String>> = expect.iter().cloned().map(Some).collect();
    for (f, result) in files.iter().zip(area.import_many(files, &expected, |_, _| {})) {
        match result {
            Ok(outcome) => out.push_str(&format!("成功　{}　{outcome}\n", f.display())),
            Err(e) => {
                refused += 1;
                out.push_str(&format!("拒绝　{}　{e}\n", f.display()));
            }
        }
    }
    out.push_str(&format!("\n汇总文件：{}\n", into.display()));
    let figures = area.figures().map_err(|e| e.to_string())?;
    out.push_str("单位\t一级\t二级\t三级\t未评定\t逾期措施\t逾期阶段\n");
    let mut total = [0_i64; 6];
    for u in &figures {
        let row = [u.by_level[0], u.by_level[1], u.by_level[2], u.by_level[3], u.overdue_measures, u.overdue_phases];
        for (t, v) in total.iter_mut().zip(row) {
            *t += v;
        }
        let name = u.display_name(&figures);
        out.push_str(&format!("{name}\t{}\n", row.map(|v| v.to_string()).join("\t")));
    }
    out.push_str(&format!("合计（{} 个单位）\t{}\n", figures.len(), total.map(|v| v.to_string()).join("\t")));
    if let Some(path) = statistics {
        let pages = crate::report::write_area_statistics(into, &figures, path).map_err(|e| e.to_string())?;
        out.push_str(&format!("统计表：{}（{pages} 页）\n", path.display()));
    }
    if refused > 0 {
        use std::io::Write as _;
        let _ = std::io::stdout().lock().write_all(out.as_bytes()); // as in `finish`
        return Err(format!("{refused} 个文件被拒绝（原因见上），其余文件已导入"));
    }
    Ok(out)
}

/// Commits edits one by one and says so after each commit; a crash test kills it at random.
fn stress_edit(file: &Path, count: u32, tag: &str) -> Result<String, String> {
    use std::io::Write as _;
    let mut store = Store::open(file).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    for i in 1..=count {
        let person = crate::domain::Person {
            id: crate::domain::new_id(),
            name: format!("{tag}{i}"),
            titles: vec!["测试".into()],
            dept_id: None,
            note: "崩溃测试写入".repeat(50),
            stamp: crate::domain::Stamp::now(),
        };
        store.apply(&[crate::domain::change::Change::save(person)]).map_err(|e| e.to_string())?;
        writeln!(out, "saved {i}").and_then(|()| out.flush()).map_err(|e| e.to_string())?;
    }
    Ok(String::new())
}

fn print(
    content: crate::domain::Content,
    form: forms::FormId,
    subject: &crate::report::forms::Subject,
    out: &Path,
) -> Result<String, String> {
    // The forms hold what they print: the file's content is let go before the layout (a
    // whole-unit form of 100,000 risk points is one copy of 100,000 rows).
    let built = crate::report::forms::build(&content, form, subject).map_err(|e| e.to_string())?;
    let author = content.unit.name.clone();
    drop(content);
    let printed = crate::fsutil::write_atomically_with(
        out,
        |w| crate::report::print_forms_to(built, &author, w).map_err(|e| e.to_string()),
        |e| e,
    )?;
    if let Some(note) = printed.missing_note() {
        warn(&note);
    }
    Ok(format!("已打印：{}（{} 页）\n", out.display(), printed.pages))
}

/// Every form of the catalogue into `out`, one line per file.
fn print_all(
    content: &crate::domain::Content,
    subject: &crate::report::forms::Subject,
    out: &Path,
) -> Result<String, String> {
    let forms: Vec<_> = forms::CATALOGUE.iter().collect();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let report = crate::report::all::print_all(content, subject, &forms, out, &|_, _, _| {}, &cancel)
        .map_err(|e| e.to_string())?;
    let mut text: String = report
        .files
        .iter()
        .map(|f| format!("已打印：{}（{} 份，{} 页）\n", f.path.display(), f.copies, f.pages))
        .collect();
    text.push_str(&format!("共 {} 个文件，{} 页\n", report.files.len(), report.pages()));
    let missing: Vec<char> = report.missing.into_iter().collect();
    if let Some(note) = crate::report::missing_note(&missing) {
        warn(&note);
    }
    Ok(text)
}

/// A note beside the result (characters no font has): on stderr, so stdout stays the result.
fn warn(note: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{note}"); // nowhere else to report it
}

fn schemes() -> Result<String, String> {
    let presets = Scheme::presets().map_err(|e| e.to_string())?;
    Ok(presets.iter().map(|s| format!("{:<10}{}\n          依据：{}\n", s.id, s.name, s.source)).collect())
}
