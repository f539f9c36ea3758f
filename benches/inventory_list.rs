//! UI frame CPU time of the 风险点清单 with 10,000 risk points (issue 4: target ≤ 2 ms median in
//! release on the project's 2-core machine). One frame = egui layout of the whole window with
//! the list tab open, plus tessellation into meshes (everything but the GPU upload).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a benchmark that cannot set up should stop")]

use criterion::{Criterion, criterion_group, criterion_main};
use lianfang::domain::new_id;
use lianfang::store::Store;
use lianfang::ui::{App, Tab};

/// The 天津滨海 demo scaled to 10,000 risk points (copies of its own, long Chinese texts).
fn ten_thousand(dir: &std::path::Path) -> std::path::PathBuf {
    let mut c = lianfang::demo::build("tjbh2012").unwrap();
    let originals = c.risk_points.clone();
    let mut seq = i64::try_from(originals.len()).unwrap();
    while c.risk_points.len() < 10_000 {
        for rp in &originals {
            if c.risk_points.len() >= 10_000 {
                break;
            }
            let mut copy = rp.clone();
            copy.id = new_id();
            copy.seq = seq;
            seq += 1;
            c.risk_points.push(copy);
        }
    }
    let path = dir.join("ten_thousand.db");
    Store::create(&path, &c).unwrap().close().unwrap();
    path
}

fn frame(ctx: &egui::Context, app: &mut App) -> usize {
    run(ctx, app, egui::RawInput::default())
}

/// One frame of the whole window (`App::ui_root`) from `input`, tessellated; returns the number
/// of vertices, which changes when other rows come into view.
fn run(ctx: &egui::Context, app: &mut App, input: egui::RawInput) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1440.0, 900.0))),
        ..input
    };
    let output = ctx.run_ui(input, |ui| app.ui_root(ui));
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    meshes
        .iter()
        .map(|m| match &m.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

/// Frames as the wheel turns over the list, 60 frames a second: a notch every fourth frame,
/// down for 400 notches, then up again, so the rows keep changing and never hit the end.
struct Wheel {
    frame: u64,
}

impl Wheel {
    fn input(&mut self) -> egui::RawInput {
        self.frame += 1;
        let mut events = vec![egui::Event::PointerMoved(egui::pos2(700.0, 500.0))];
        if self.frame.is_multiple_of(4) {
            let down = (self.frame / 1600).is_multiple_of(2);
            events.push(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Line,
                delta: egui::vec2(0.0, if down { -1.0 } else { 1.0 }),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            });
        }
        #[expect(clippy::cast_precision_loss, reason = "frame counts of a benchmark run")]
        let time = self.frame as f64 / 60.0;
        egui::RawInput { time: Some(time), events, ..Default::default() }
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = ten_thousand(dir.path());
    let mut app = App::for_file(&path);
    assert_eq!(app.document().unwrap().content.risk_points.len(), 10_000);
    app.set_tab(Tab::Inventory);
    let ctx = egui::Context::default();
    lianfang::fonts::install_egui_fonts(&ctx);
    // Warm up: fonts are rasterised and layouts cached in the first frames.
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    c.bench_function("风险点清单 10000 行：一帧（布局 + 网格化）", |b| {
        b.iter(|| frame(&ctx, &mut app))
    });
    let mut wheel = Wheel { frame: 0 };
    let still = run(&ctx, &mut app, wheel.input());
    let scrolled: Vec<usize> = (0..120).map(|_| run(&ctx, &mut app, wheel.input())).collect();
    assert!(scrolled.iter().any(|&v| v != still), "the wheel must bring other rows into view");
    c.bench_function("风险点清单 10000 行：滚动时的一帧（整个窗口）", |b| {
        b.iter(|| run(&ctx, &mut app, wheel.input()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
