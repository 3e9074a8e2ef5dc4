/// The staff pages' stylesheet: readable on a phone (one column, cards, tables that turn into
/// stacked rows) and on a desktop (a grid of KPI cards, a full table).
enum StaffStyle {
    static let css = """
        :root { --ink: #1c2430; --muted: #5b6675; --line: #dde3ea; --card: #ffffff; --bg: #f3f6f9;
          --ok: #1f7a4d; --warn: #a86400; --bad: #b3261e; --brand: #0b5cad; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
        header { background: var(--brand); color: #fff; padding: 12px 16px; display: flex; flex-wrap: wrap; gap: 8px;
          align-items: center; justify-content: space-between; }
        header h1 { font-size: 1.15rem; margin: 0; }
        header p { margin: 0; font-size: .9rem; opacity: .9; }
        header form { margin: 0; }
        main { max-width: 1040px; margin: 0 auto; padding: 12px; }
        section { margin: 16px 0; }
        h2 { font-size: 1.05rem; margin: 0 0 8px; }
        .period { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; background: var(--card); border: 1px solid var(--line);
          border-radius: 8px; padding: 10px; }
        .period label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        input, button { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; }
        button { background: var(--brand); color: #fff; border-color: var(--brand); cursor: pointer; }
        header button { background: transparent; border-color: #fff; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
        .card h3 { font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); margin: 0; }
        .card .value { font-size: 1.6rem; font-weight: 700; margin: 2px 0; }
        .card p { margin: 0; font-size: .85rem; color: var(--muted); }
        .card ul { margin: 4px 0 0; padding-left: 18px; font-size: .85rem; color: var(--muted); }
        .chart { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px; }
        .chart svg { width: 100%; height: auto; max-height: 260px; display: block; }
        table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
        th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; font-size: .92rem; }
        th { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: .8rem; font-weight: 600; white-space: nowrap; }
        .breached { background: #fde7e5; color: var(--bad); }
        .atRisk { background: #fff1d6; color: var(--warn); }
        .onTrack { background: #e3f4ea; color: var(--ok); }
        .paused, .notStarted { background: #eceff3; color: var(--muted); }
        .muted { color: var(--muted); }
        .empty { background: var(--card); border: 1px dashed var(--line); border-radius: 8px; padding: 12px; color: var(--muted); }
        .signin { max-width: 420px; margin: 40px auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 18px; }
        .signin label { display: block; margin: 10px 0 4px; }
        .signin input { width: 100%; }
        .signin button { margin-top: 14px; width: 100%; }
        .error { background: #fde7e5; color: var(--bad); border-radius: 6px; padding: 8px 10px; }
        @media (max-width: 640px) {
          table, thead, tbody, tr, td { display: block; border: 0; }
          thead { display: none; }
          tr { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin-bottom: 8px; padding: 6px 0; }
          td { padding: 3px 12px; border: 0; }
          td::before { content: attr(data-label); display: block; font-size: .72rem; color: var(--muted); text-transform: uppercase; }
          .card .value { font-size: 1.35rem; }
        }
        """
}
