//! Tables, from Markdown (`| a | b |`) and from HTML (`<table>`, whose end tags are optional):
//! rows of cells, header cells marked.

use super::{Align, Block, Cell, Walker};

impl Walker<'_> {
    pub(in crate::pdf) fn table_start(&mut self) {
        self.flush();
        self.table = Some(Vec::new());
        self.aligns.clear();
    }

    pub(in crate::pdf) fn row_start(&mut self) {
        self.flush_cell_text();
        if let Some(t) = self.table.as_mut() {
            t.push(Vec::new());
        }
    }

    /// Text met in a table outside any cell (HTML) is dropped into the current paragraph.
    pub(in crate::pdf) fn flush_cell_text(&mut self) {
        if self.table.is_none() {
            self.flush();
        }
    }

    pub(in crate::pdf) fn cell_end(&mut self, header: bool) {
        let mut runs = std::mem::take(&mut self.inline);
        runs.retain(|i| !i.text.is_empty());
        if let Some(t) = self.table.as_mut() {
            if t.is_empty() {
                t.push(Vec::new());
            }
            if let Some(row) = t.last_mut() {
                let align = self.aligns.get(row.len()).copied().unwrap_or(Align::Auto);
                row.push(Cell {
                    header,
                    runs,
                    align,
                });
            }
        }
    }

    pub(in crate::pdf) fn table_end(&mut self) {
        self.inline.clear();
        let Some(mut rows) = self.table.take() else {
            return;
        };
        rows.retain(|r| !r.is_empty());
        if !rows.is_empty() {
            self.push_block(Block::Table(rows));
        }
    }

    pub(in crate::pdf) fn in_table(&self) -> bool {
        self.table.is_some()
    }

    pub(in crate::pdf) fn table_begin(&mut self) {
        self.table_start();
    }

    /// An HTML cell opens (its end tag is optional in HTML).
    pub(in crate::pdf) fn open_cell(&mut self, header: bool) {
        self.inline.clear();
        self.html_cell = Some(header);
    }

    pub(in crate::pdf) fn close_cell(&mut self) {
        if let Some(header) = self.html_cell.take() {
            self.cell_end(header);
        }
    }
}
