/// `assets/book.css`: the book's look, light and dark by `prefers-color-scheme`, one column that
/// reads on a phone, and visible keyboard focus.
enum BookStylesheet {
    /// The stylesheet's source.
    static let source = #"""
    :root {
      color-scheme: light dark;
      --bg: #ffffff;
      --fg: #1d1f23;
      --muted: #5a6170;
      --border: #d5d9e0;
      --surface: #f5f7fa;
      --code-bg: #f5f7fa;
      --link: #0b57b7;
      --focus: #c2410c;
      --pass: #17683a;
      --pass-bg: #e3f4e8;
      --fail: #b3261e;
      --fail-bg: #fde7e5;
      --note-bg: #fff6dc;
      --note-border: #c9a227;
      --tok-keyword: #a01d7a;
      --tok-type: #1c5f8a;
      --tok-number: #1f4fbf;
      --tok-string: #b3261e;
      --tok-comment: #5d6b58;
      --tok-attribute: #7a4d00;
      --tok-label: #4a4f9c;
      --series-0: #0072b2;
      --series-1: #d55e00;
      --series-2: #009e73;
      --series-3: #cc79a7;
      --series-4: #b8860b;
      --series-5: #56b4e9;
    }

    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #15171b;
        --fg: #e4e6eb;
        --muted: #a3a9b6;
        --border: #3a3f4a;
        --surface: #1e2127;
        --code-bg: #1e2127;
        --link: #8ab8ff;
        --focus: #ffb066;
        --pass: #7fd99b;
        --pass-bg: #15341f;
        --fail: #ff9a8f;
        --fail-bg: #3d1a17;
        --note-bg: #332b12;
        --note-border: #b8962a;
        --tok-keyword: #f28fd0;
        --tok-type: #7cc7f2;
        --tok-number: #a9b8ff;
        --tok-string: #ff9f8f;
        --tok-comment: #98a68f;
        --tok-attribute: #e5b567;
        --tok-label: #b7bbf5;
        --series-0: #56b4e9;
        --series-1: #ff9152;
        --series-2: #3fd0a0;
        --series-3: #eba3cd;
        --series-4: #f0c75e;
        --series-5: #c4e6ff;
      }
    }

    *, *::before, *::after { box-sizing: border-box; }

    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }

    body {
      margin: 0;
      background: var(--bg);
      color: var(--fg);
      font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
    }

    a { color: var(--link); text-underline-offset: 0.15em; }

    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }

    .skip-link { position: absolute; left: -999px; top: 0.5rem; padding: 0.5rem 0.75rem; background: var(--bg); z-index: 10; }
    .skip-link:focus { left: 0.5rem; }

    .site-header { border-bottom: 1px solid var(--border); padding: 0.75rem 1rem; }
    .site-title { font-weight: 600; text-decoration: none; color: var(--fg); }

    main { max-width: 50rem; margin: 0 auto; padding: 1rem 1rem 3rem; }

    h1, h2, h3, h4 { line-height: 1.25; margin: 1.8em 0 0.6em; }
    h1 { font-size: 2rem; margin-top: 0.4em; }
    h2 { font-size: 1.45rem; border-bottom: 1px solid var(--border); padding-bottom: 0.2em; }
    h3 { font-size: 1.2rem; }
    h2[id], h3[id], h4[id] { scroll-margin-top: 1rem; }

    code, pre, samp { font-family: ui-monospace, "SF Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.875rem; }
    :not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
    pre { overflow-x: auto; padding: 0.75rem 1rem; border-radius: 6px; line-height: 1.45; margin: 0; }

    .lesson-header { margin-bottom: 1.5rem; }
    .lesson-number { margin: 0; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.85rem; }
    .lesson-summary { color: var(--muted); font-size: 1.1rem; margin: 0 0 0.75rem; }
    .lesson-totals, .contents-status { display: inline-block; margin: 0; padding: 0.2rem 0.6rem; border-radius: 6px; font-size: 0.9rem; font-weight: 600; }
    .totals-pass, .status-pass { color: var(--pass); background: var(--pass-bg); }
    .totals-fail, .status-fail { color: var(--fail); background: var(--fail-bg); }
    .totals-none, .status-none { color: var(--muted); background: var(--surface); border: 1px solid var(--border); }

    .toc { border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem 1rem; margin: 1.5rem 0; background: var(--surface); }
    .toc-title { margin: 0 0 0.25rem; font-weight: 600; }
    .toc ol { margin: 0; padding-left: 1.25rem; }
    .toc .toc-level-3 { margin-left: 1.25rem; list-style-type: circle; }

    .math.display { overflow-x: auto; overflow-y: hidden; margin: 1rem 0; }

    .cell { margin: 1.25rem 0; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; }
    .cell-code { background: var(--code-bg); border-radius: 0; }
    .cell-code + .cell-output, .cell-code + .cell-status { border-top: 1px solid var(--border); }
    .cell-output { padding: 0.5rem 0.75rem; display: flex; flex-direction: column; gap: 0.5rem; }
    .cell-status { margin: 0; padding: 0.4rem 0.75rem; font-size: 0.9rem; font-style: italic; color: var(--muted); }
    .cell-status-compile-error, .cell-status-crashed, .cell-status-timed-out, .cell-status-unexpectedly-succeeded {
      color: var(--fail); background: var(--fail-bg); font-style: normal; font-weight: 600;
    }
    .cell-status-failed-as-expected { color: var(--pass); }

    .output-text { padding: 0.25rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }

    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
    th, td { padding: 0.3rem 0.75rem; border-bottom: 1px solid var(--border); text-align: left; white-space: nowrap; }
    thead th { border-bottom: 2px solid var(--border); }
    .align-end { text-align: right; }
    .align-center { text-align: center; }

    figure.plot { margin: 0.25rem 0; }
    /* Below this width the labels would shrink past reading size; the chart scrolls instead. */
    .plot-scroll { overflow-x: auto; }
    figure.plot svg { display: block; width: 100%; min-width: 34rem; height: auto; color: var(--fg); }
    figure.plot figcaption { font-size: 0.9rem; color: var(--muted); text-align: center; margin-top: 0.25rem; }
    .plot-series-0 path, .plot-series-0 line { stroke: var(--series-0); }
    .plot-series-1 path, .plot-series-1 line { stroke: var(--series-1); }
    .plot-series-2 path, .plot-series-2 line { stroke: var(--series-2); }
    .plot-series-3 path, .plot-series-3 line { stroke: var(--series-3); }
    .plot-series-4 path, .plot-series-4 line { stroke: var(--series-4); }
    .plot-series-5 path, .plot-series-5 line { stroke: var(--series-5); }
    g.plot-series-0, .plot-series-0 .plot-marker, .plot-series-0 rect { fill: var(--series-0); }
    g.plot-series-1, .plot-series-1 .plot-marker, .plot-series-1 rect { fill: var(--series-1); }
    g.plot-series-2, .plot-series-2 .plot-marker, .plot-series-2 rect { fill: var(--series-2); }
    g.plot-series-3, .plot-series-3 .plot-marker, .plot-series-3 rect { fill: var(--series-3); }
    g.plot-series-4, .plot-series-4 .plot-marker, .plot-series-4 rect { fill: var(--series-4); }
    g.plot-series-5, .plot-series-5 .plot-marker, .plot-series-5 rect { fill: var(--series-5); }
    .plot-series .plot-marker { stroke: none; }
    .plot-series > path:not(.plot-marker) { fill: none; }

    .checks { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.3rem; }
    .check { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.5rem; font-size: 0.95rem; }
    .badge { display: inline-block; min-width: 4.8rem; padding: 0.05rem 0.5rem; border-radius: 4px; font-size: 0.8rem; font-weight: 700; text-align: center; }
    .badge-pass { color: var(--pass); background: var(--pass-bg); }
    .badge-fail { color: var(--fail); background: var(--fail-bg); }
    .check-expression { font-size: 0.85rem; overflow-wrap: anywhere; }
    .check-detail { color: var(--muted); font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85rem; overflow-wrap: anywhere; }
    .check-location { color: var(--muted); font-size: 0.8rem; margin-left: auto; }

    .diagnostic { border: 1px solid var(--fail); border-left-width: 5px; border-radius: 6px; background: var(--fail-bg); padding: 0.5rem 0.75rem; }
    .diagnostic-warning, .diagnostic-note { border-color: var(--note-border); background: var(--note-bg); }
    .diagnostic-heading { margin: 0 0 0.25rem; }
    .diagnostic-heading strong { text-transform: uppercase; font-size: 0.8rem; letter-spacing: 0.05em; margin-right: 0.4rem; }
    .diagnostic-message { padding: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    .diagnostic-notes { margin: 0.4rem 0 0; padding-left: 1.25rem; font-size: 0.9rem; }
    .lesson-diagnostics { display: flex; flex-direction: column; gap: 0.5rem; margin: 1rem 0; }

    .tok-keyword { color: var(--tok-keyword); font-weight: 600; }
    .tok-type { color: var(--tok-type); }
    .tok-number { color: var(--tok-number); }
    .tok-string { color: var(--tok-string); }
    .tok-comment, .tok-doc-comment { color: var(--tok-comment); font-style: italic; }
    .tok-attribute { color: var(--tok-attribute); }
    .tok-label { color: var(--tok-label); }

    .pager { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.75rem; margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--border); }
    .pager a { padding: 0.4rem 0; }
    .pager-direction { display: block; font-size: 0.8rem; color: var(--muted); }
    .pager-next { margin-left: auto; text-align: right; }

    .book-overview { color: var(--muted); }
    .contents { list-style: none; padding: 0; margin: 1.5rem 0; display: flex; flex-direction: column; gap: 1rem; }
    .contents-entry { border: 1px solid var(--border); border-radius: 8px; padding: 0.9rem 1rem; display: flex; flex-direction: column; align-items: flex-start; gap: 0.4rem; }
    .contents-link { font-size: 1.15rem; font-weight: 600; text-decoration: none; }
    .contents-link:hover .contents-title { text-decoration: underline; }
    .contents-number { display: inline-block; min-width: 1.6rem; color: var(--muted); }
    .contents-summary { margin: 0; }

    @media (max-width: 40rem) {
      body { font-size: 1rem; }
      main { padding: 0.75rem 0.75rem 2rem; }
      h1 { font-size: 1.6rem; }
      pre { padding: 0.6rem 0.7rem; }
      .cell { margin-left: -0.25rem; margin-right: -0.25rem; }
      .check-location { margin-left: 0; }
    }

    """#
}
