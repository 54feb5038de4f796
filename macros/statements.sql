{#- The statements of a committee's net cost and net investment that a document's tables make:
    one row per document, measure, place (table and kind of line) and year.

    `amounts` is a relation of budget cells (int_budget_amounts__as_printed or __read) and
    `amount_col` / `rounding_col` the columns holding the amount and what rounding explains.
    Patterns come from seeds/measure_patterns.csv. A total (`aggregate = first`) is one line;
    a summary's net-cost or investment lines (`aggregate = sum`) add up over its sections
    (Linköping states KS/KLF, VSS and Leanlink separately). -#}
{% macro table_statements(amounts, amount_col, rounding_col) %}
    with

    candidate_cells as (
        select * from {{ amounts }} as amounts
        where amounts.line_kind not in ('of_which', 'change') and {{ is_year_amount('amounts') }}
    ),

    -- The patterns read a cell's title, unit phrase and label only, and the same labels recur
    -- in every document: each distinct combination is matched once, not each of its cells.
    labels as (
        select distinct table_title, unit_phrase, line_label from candidate_cells
    ),

    label_measures as (
        select
            labels.*,
            patterns.measure,
            patterns.source_kind,
            patterns.aggregate,
            patterns.priority
        from labels
        inner join {{ ref('measure_patterns') }} as patterns
            on
                (patterns.table_title_pattern is null or regexp_matches(lower(labels.table_title), patterns.table_title_pattern))
                and (patterns.unit_phrase_pattern is null or regexp_matches(lower(coalesce(labels.unit_phrase, '')), patterns.unit_phrase_pattern))
                and regexp_matches(lower(labels.line_label), patterns.line_label_pattern)
        qualify row_number() over (
            partition by labels.table_title, labels.unit_phrase, labels.line_label order by patterns.priority
        ) = 1
    ),

    statement_cells as (
        select
            candidate_cells.*,
            label_measures.measure,
            label_measures.source_kind,
            label_measures.aggregate,
            label_measures.priority
        from candidate_cells
        inner join label_measures
            on
                candidate_cells.table_title is not distinct from label_measures.table_title
                and candidate_cells.unit_phrase is not distinct from label_measures.unit_phrase
                and candidate_cells.line_label is not distinct from label_measures.line_label
    ),

    chosen as (
        select * from statement_cells
        where aggregate = 'first'
        qualify row_number() over (
            partition by document_id, table_id, measure, source_kind, fiscal_year
            order by priority, row_index
        ) = 1
        union all
        select * from statement_cells
        where aggregate = 'sum'
    )

    select
        document_id,
        measure,
        source_kind,
        table_id,
        any_value(table_title) as table_title,
        fiscal_year,
        any_value(scenario) as scenario,
        sum({{ amount_col }}) as amount_tkr,
        sum({{ rounding_col }}) as rounding_tkr,
        count(*) as line_count,
        max(decimals) as max_decimals,
        any_value(unit_as_printed) as unit_as_printed,
        string_agg(line_label, ' + ' order by row_index) as line_label,
        arg_min(row_id, row_index) as row_id,
        arg_min(source_line, row_index) as source_line,
        arg_min(cell_id, row_index) as cell_id
    from chosen
    group by document_id, measure, source_kind, table_id, fiscal_year
{% endmacro %}
