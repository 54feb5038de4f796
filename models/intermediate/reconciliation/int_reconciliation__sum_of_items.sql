{#- Each total against the sum of its parts, per column it prints (a year can be printed twice,
    as budget and as outcome: each column is summed from its own parts). Tolerance: what rounding
    of the printed parts can explain, half of each part's last printed digit (eight parts printed
    with one decimal in mnkr: 0,4 mnkr). A column whose parts are not printed cannot be checked:
    warn. -#}
with

amounts as (
    select * from {{ ref('int_budget_amounts__read') }}
),

totals as (
    select * from {{ ref('int_budget_lines__totals') }}
),

total_amounts as (
    select * from amounts
    where row_id in (select total_row_id from totals)
),

-- Per column, not per year: a table may print several columns of one year (intäkter,
-- kostnader, budget, avvikelse 2020), and each adds up on its own.
parts as (
    select
        totals.total_row_id,
        amounts.column_index,
        sum(amounts.amount_tkr) as computed_tkr,
        sum(amounts.rounding_tkr) as tolerance_tkr,
        count(*) as part_count
    from totals
    inner join amounts on totals.part_row_id = amounts.row_id
    group by totals.total_row_id, amounts.column_index
),

checked as (
    select
        total_amounts.*,
        parts.computed_tkr,
        coalesce(parts.tolerance_tkr, 0) as tolerance_tkr,
        parts.part_count,
        total_amounts.amount_tkr - parts.computed_tkr as difference_tkr
    from total_amounts
    left join parts
        on total_amounts.row_id = parts.total_row_id and total_amounts.column_index = parts.column_index
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
        computed_tkr,
        difference_tkr,
        tolerance_tkr,
        case
            when computed_tkr is null then 'warn'
            when abs(difference_tkr) <= tolerance_tkr then 'pass'
            else 'fail'
        end as status,
        case
            when computed_tkr is null then
                {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
                || ': prints ' || value_as_printed || ' ' || unit_as_printed
                || ' but none of its parts for this year, so the total cannot be checked.'
            when abs(difference_tkr) <= tolerance_tkr then
                {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
                || ': prints ' || {{ fmt_amount('amount_tkr', 'unit_as_read') }} || '; its ' || part_count
                || ' parts add up to ' || {{ fmt_amount('computed_tkr', 'unit_as_read') }} || '.'
            else
                {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
                || ': the document prints ' || {{ fmt_amount('amount_tkr', 'unit_as_read') }}
                || ' but its ' || part_count || ' parts add up to '
                || {{ fmt_amount('computed_tkr', 'unit_as_read') }} || ', a difference of '
                || {{ fmt_amount('difference_tkr', 'unit_as_read') }}
                || ' where rounding explains at most ' || {{ fmt_amount('tolerance_tkr', 'unit_as_read') }} || '.'
        end as explanation,
        row_id,
        column_index,
        cast(null as varchar) as other_place_id,
        source_line,
        cell_id as place_id,
        cell_id as checked_cell_id
    from checked
)

select * from final
