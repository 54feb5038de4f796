{#- A total the warehouse cannot check: no lines were found that it adds up and it has no varav
    costs and income below it (a table of totals only, a summary whose parts are printed
    elsewhere). It is a finding about the document, listed per column as a sum_of_items warn, so
    that a reader sees what was not checked; it never stops a build. -#}
with

totals as (
    select * from {{ ref('int_budget_amounts__read') }}
    where line_kind = 'total'
),

checked as (
    select checked_cell_id from {{ ref('int_reconciliation__sum_of_items') }}
    union
    select checked_cell_id from {{ ref('int_reconciliation__net') }}
),

final as (
    select
        'sum_of_items' as check_type,
        document_id,
        table_title,
        line_label,
        fiscal_year,
        scenario,
        amount_tkr as reported_tkr,
        cast(null as decimal(18, 3)) as computed_tkr,
        cast(null as decimal(18, 3)) as difference_tkr,
        cast(0 as decimal(18, 3)) as tolerance_tkr,
        'warn' as status,
        {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || fiscal_year || ' ('
        || scenario || '): prints ' || value_as_printed || ' ' || unit_as_printed
        || ' but the warehouse cannot tell which lines it adds up (none are printed in its group, and'
        || ' no varav costs and income below it), so the total cannot be checked.' as explanation,
        row_id,
        cast(null as varchar) as other_place_id,
        source_line,
        cell_id as place_id,
        cell_id as checked_cell_id
    from totals
    where cell_id not in (select checked.checked_cell_id from checked)
)

select * from final
