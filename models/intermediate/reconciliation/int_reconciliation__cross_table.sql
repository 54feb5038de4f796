{#- The same figure stated in two places agrees.

    1. Every statement of a committee's net cost (or net investment) against the document's
       reference statement for that year: the operating summary's total, else another total,
       else the summary line. This compares the summary table, the operating summary, the sum of
       the detail tables (mnkr against tkr), a budget frame in a sentence, and the sum of the
       summary's investment lines against the investment table. A budget frame is compared only
       for budget and plan years (an outcome differs from its frame by the year's result).
    2. A unit's line in the operating summary against the Summa of its detail table.

    A figure is compared with the same year in the same scenario: an annual report prints 2023
    as budget and as outcome, and those two differ by the year's result.

    Tolerance: the rounding of both printed figures. -#}
with

statements as (
    select * from {{ ref('int_committee_statements') }}
    where states_the_year
),

reference_statements as (
    select *
    from statements
    qualify row_number() over (
        partition by document_id, measure, fiscal_year, scenario order by source_rank, rounding_tkr, place_id
    ) = 1
),

statement_checks as (
    select
        s.document_id,
        s.table_title,
        s.line_label,
        s.fiscal_year,
        s.scenario,
        s.amount_tkr as reported_tkr,
        r.amount_tkr as computed_tkr,
        s.rounding_tkr + r.rounding_tkr as tolerance_tkr,
        s.row_id,
        r.statement_id as other_place_id,
        s.source_line,
        s.measure,
        r.table_title as other_table_title,
        r.line_label as other_line_label,
        r.source_line as other_source_line,
        s.statement_id as place_id
    from statements as s
    inner join reference_statements as r
        on
            s.document_id = r.document_id
            and s.measure = r.measure
            and s.fiscal_year = r.fiscal_year
            and s.scenario is not distinct from r.scenario
            and s.statement_id <> r.statement_id
),

amounts as (
    select * from {{ ref('int_budget_amounts__read') }}
),

unit_line_checks as (
    select
        unit.document_id,
        unit.table_title,
        unit.line_label,
        unit.fiscal_year,
        unit.scenario,
        unit.amount_tkr as reported_tkr,
        detail.amount_tkr as computed_tkr,
        unit.rounding_tkr + detail.rounding_tkr as tolerance_tkr,
        unit.row_id,
        detail.row_id as other_place_id,
        unit.source_line,
        'net_cost' as measure,
        detail.table_title as other_table_title,
        detail.line_label as other_line_label,
        detail.source_line as other_source_line,
        unit.cell_id || '|' || detail.cell_id as place_id
    from {{ ref('int_budget_tables__detail_matches') }} as matches
    inner join amounts as unit on matches.unit_row_id = unit.row_id
    inner join amounts as detail
        on
            matches.detail_total_row_id = detail.row_id
            and unit.fiscal_year = detail.fiscal_year
            and unit.scenario = detail.scenario
),

unioned as (
    select * from statement_checks
    union all
    select * from unit_line_checks
),

final as (
    select
        'cross_table' as check_type,
        document_id,
        table_title,
        line_label,
        fiscal_year,
        scenario,
        reported_tkr,
        computed_tkr,
        reported_tkr - computed_tkr as difference_tkr,
        tolerance_tkr,
        {{ check_status('reported_tkr', 'computed_tkr', 'tolerance_tkr') }} as status,
        {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || fiscal_year || ': '
        || {{ fmt_amount('reported_tkr', "'mnkr'") }} || ' (' || {{ fmt_amount('reported_tkr', "'tkr'") }}
        || ') against ' || {{ fmt_amount('computed_tkr', "'tkr'") }} || ' in '
        || {{ fmt_place('other_table_title', 'other_source_line', 'other_line_label') }}
        || case
            when {{ within_rounding('reported_tkr', 'computed_tkr', 'tolerance_tkr') }}
                then
                    ': they agree within rounding ('
                    || {{ fmt_amount('tolerance_tkr', "'tkr'") }} || ').'
            else
                ': they differ by ' || {{ fmt_amount('reported_tkr - computed_tkr', "'tkr'") }}
                || ', more than rounding explains (' || {{ fmt_amount('tolerance_tkr', "'tkr'") }} || ').'
        end as explanation,
        row_id,
        other_place_id,
        source_line,
        place_id
    from unioned
)

select * from final
