{#- Each total against the sum of its parts, per column it prints (a year can be printed twice,
    as budget and as outcome: each column is summed from its own parts). Tolerance: what rounding
    of the printed parts can explain, half of each part's last printed digit (eight parts printed
    with one decimal in mnkr: 0,4 mnkr).

    A total may carry the total above it forward (Total förvaltning, then Förändringsinitiativ,
    then Total förvaltning och förändringsinitiativ): where its own parts do not add up to it,
    the total above it plus its parts may, and it passes saying so. A column whose parts are not
    printed, or a total over a line whose digits were not read, cannot be checked: warn. -#}
with

amounts as (
    select * from {{ ref('int_budget_amounts__read') }}
),

totals as (
    select * from {{ ref('int_budget_lines__totals') }}
),

total_amounts as (
    select * from amounts
    where row_id in (select totals.total_row_id from totals)
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

lines as (
    select * from {{ ref('int_budget_lines__classified') }}
),

-- totals over a line the extractor could not read
unread_parts as (
    select totals.total_row_id, count(*) as unread_count
    from totals
    inner join lines on totals.part_row_id = lines.row_id
    where lines.row_type = 'unread'
    group by totals.total_row_id
),

-- the total line above each Summa/Totalt line, which it may carry forward
carried as (
    select
        row_id as total_row_id,
        lag(row_id) over (partition by table_id order by row_index) as carried_row_id
    from lines
    where is_pattern_total
),

sums as (
    select
        total_amounts.*,
        parts.computed_tkr,
        coalesce(parts.tolerance_tkr, 0) as tolerance_tkr,
        parts.part_count,
        coalesce(unread_parts.unread_count, 0) as unread_count,
        parts.computed_tkr + above.amount_tkr as carried_computed_tkr,
        coalesce(parts.tolerance_tkr, 0) + above.rounding_tkr as carried_tolerance_tkr,
        above.line_label as carried_label
    from total_amounts
    left join parts
        on total_amounts.row_id = parts.total_row_id and total_amounts.column_index = parts.column_index
    left join unread_parts on total_amounts.row_id = unread_parts.total_row_id
    left join carried on total_amounts.row_id = carried.total_row_id
    left join amounts as above
        on carried.carried_row_id = above.row_id and total_amounts.column_index = above.column_index
),

checked as (
    select
        * exclude (computed_tkr, tolerance_tkr),
        not {{ within_rounding('amount_tkr', 'computed_tkr', 'tolerance_tkr') }}
        and {{ within_rounding('amount_tkr', 'carried_computed_tkr', 'carried_tolerance_tkr') }} as is_carried,
        case
            when unread_count > 0 then null
            when is_carried then carried_computed_tkr
            else computed_tkr
        end as computed_tkr,
        case when is_carried then carried_tolerance_tkr else tolerance_tkr end as tolerance_tkr
    from sums
),

differences as (
    select *, amount_tkr - computed_tkr as difference_tkr
    from checked
),

final as (
    select
        'sum_of_items' as check_type,
        {{ check_figures() }},
        case
            when unread_count > 0
                then
                    {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
                    || ': prints ' || value_as_printed || ' ' || unit_as_printed || ' but ' || unread_count
                    || ' of the lines it adds up print digits the extractor could not cut into columns'
                    || ' (see raw.extraction_issues), so the total cannot be checked.'
            when computed_tkr is null
                then
                    {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
                    || ': prints ' || value_as_printed || ' ' || unit_as_printed
                    || ' but none of its parts for this year, so the total cannot be checked.'
            when is_carried
                then
                    {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
                    || ': prints ' || {{ fmt_amount('amount_tkr', 'unit_as_read') }} || '; the total above it ('''
                    || carried_label || ''') and its ' || {{ fmt_count('part_count', 'part') }} || ' add up to '
                    || {{ fmt_amount('computed_tkr', 'unit_as_read') }}
                    || {{ fmt_outcome('amount_tkr', 'computed_tkr', 'tolerance_tkr', 'unit_as_read') }}
            when {{ within_rounding('amount_tkr', 'computed_tkr', 'tolerance_tkr') }}
                then
                    {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
                    || ': prints ' || {{ fmt_amount('amount_tkr', 'unit_as_read') }} || '; its '
                    || {{ fmt_count('part_count', 'part') }}
                    || ' add up to '
                    || {{ fmt_amount('computed_tkr', 'unit_as_read') }}
                    || {{ fmt_outcome('amount_tkr', 'computed_tkr', 'tolerance_tkr', 'unit_as_read') }}
            else
                {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
                || ': the document prints ' || {{ fmt_amount('amount_tkr', 'unit_as_read') }}
                || ' but its ' || part_count || ' parts add up to '
                || {{ fmt_amount('computed_tkr', 'unit_as_read') }} || ', a difference of '
                || {{ fmt_amount('difference_tkr', 'unit_as_read') }}
                || ' where rounding explains at most ' || {{ fmt_amount('tolerance_tkr', 'unit_as_read') }} || '.'
        end as explanation,
        cast(null as varchar) as other_place_id,
        cell_id as place_id
    from differences
)

select * from final
