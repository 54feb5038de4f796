{#- In an income statement (resultaträkning, resultatbudget: two subtotals or more, one of them
    a result), each subtotal adds the lines above it: Verksamhetens nettokostnader = intäkter +
    kostnader + avskrivningar; Verksamhetens resultat = nettokostnader + skatteintäkter +
    generella statsbidrag; Resultat efter finansiella poster = verksamhetens resultat +
    finansiella intäkter + finansiella kostnader; Årets resultat. Per column.

    A subtotal is read two ways: as the subtotal above it plus the lines between them (a step),
    and as all the lines above it from the top. It passes when either adds up, so one misprinted
    line fails where it is printed and not in every subtotal below it. A way that runs over a
    line whose digits were not read cannot be used; with neither, the subtotal is a warn.
    Checked as sum_of_items. -#}
with

amounts as (
    select * from {{ ref('int_budget_amounts__read') }}
),

lines as (
    select * from {{ ref('int_budget_lines__classified') }}
    where row_type in ('values', 'unread') and not is_of_which
),

-- A subtotal is the extractor's line_role (extract/constraints.py reads the line_kind_patterns
-- seed once, for the resolver, which checks the same running totals when it chooses a reading).
flagged as (
    select
        lines.*,
        coalesce(lines.line_role = 'subtotal', false) as is_subtotal,
        lines.row_type = 'unread' as is_unread
    from lines
),

statements as (
    select table_id
    from flagged
    group by table_id
    having
        count(*) filter (where is_subtotal) >= 2
        and bool_or(is_subtotal and lower(line_label) like '%resultat%')
),

ordered as (
    select
        *,
        -- the step a line belongs to: the number of subtotals above it
        coalesce(sum(case when is_subtotal then 1 else 0 end) over (
            partition by table_id order by row_index rows between unbounded preceding and 1 preceding
        ), 0) as step_no,
        coalesce(count(*) filter (where not is_subtotal) over (
            partition by table_id order by row_index rows between unbounded preceding and 1 preceding
        ), 0) as lines_above
    from flagged
    where table_id in (select statements.table_id from statements)
),

subtotals as (
    select *
    from (
        select
            table_id,
            row_id,
            row_index,
            step_no,
            lines_above,
            lag(row_id) over (partition by table_id order by row_index) as previous_subtotal_row_id
        from ordered
        where is_subtotal
    ) as subtotal_lines
    where lines_above > 0
),

-- The lines each way adds up (the first subtotal has only the top). An opening subtotal (no
-- lines above it) counts as a line.
parts as (
    select subtotals.row_id as subtotal_row_id, 'step' as way, ordered.row_id as part_row_id, ordered.is_unread
    from subtotals
    inner join ordered
        on
            subtotals.table_id = ordered.table_id
            and subtotals.step_no = ordered.step_no
            and not ordered.is_subtotal
            and subtotals.row_index > ordered.row_index
    where subtotals.previous_subtotal_row_id is not null
    union all
    select subtotals.row_id as subtotal_row_id, 'step' as way, above.row_id as part_row_id, above.is_unread
    from subtotals
    inner join ordered as above on subtotals.previous_subtotal_row_id = above.row_id
    union all
    select subtotals.row_id as subtotal_row_id, 'top' as way, ordered.row_id as part_row_id, ordered.is_unread
    from subtotals
    inner join ordered
        on
            subtotals.table_id = ordered.table_id
            and subtotals.row_index > ordered.row_index
            and (not ordered.is_subtotal or ordered.lines_above = 0)
),

readable_ways as (
    select subtotal_row_id, way, count(*) as part_count
    from parts
    group by subtotal_row_id, way
    having not bool_or(is_unread)
),

sums as (
    select
        parts.subtotal_row_id,
        parts.way,
        amounts.column_index,
        readable_ways.part_count,
        sum(amounts.amount_tkr) as computed_tkr,
        sum(amounts.rounding_tkr) as tolerance_tkr
    from parts
    inner join readable_ways on parts.subtotal_row_id = readable_ways.subtotal_row_id and parts.way = readable_ways.way
    inner join amounts on parts.part_row_id = amounts.row_id
    group by parts.subtotal_row_id, parts.way, amounts.column_index, readable_ways.part_count
),

-- per column, the way that adds up, else the step (else the top, when the step cannot be read)
chosen as (
    select
        subtotal.*,
        sums.way,
        sums.part_count,
        sums.computed_tkr,
        sums.tolerance_tkr
    from amounts as subtotal
    inner join subtotals on subtotal.row_id = subtotals.row_id
    left join sums on subtotal.row_id = sums.subtotal_row_id and subtotal.column_index = sums.column_index
    qualify row_number() over (
        partition by subtotal.cell_id
        order by
            {{ within_rounding('subtotal.amount_tkr', 'sums.computed_tkr', 'sums.tolerance_tkr') }} desc,
            sums.way = 'step' desc
    ) = 1
),

final as (
    select
        'sum_of_items' as check_type,
        {{ check_figures() }},
        {{ fmt_place('table_title', 'source_line', 'line_label') }} || ', ' || {{ fmt_column() }}
        || ': prints ' || {{ fmt_amount('amount_tkr', 'unit_as_read') }}
        || case
            when computed_tkr is null
                then
                    ' but lines above it print digits the extractor could not cut into columns'
                    || ' (see raw.extraction_issues), so the subtotal cannot be checked.'
            else
                case
                    when way = 'top' then '; the ' || {{ fmt_count('part_count', 'line') }} || ' above it add up to '
                    when part_count = 1 then '; the subtotal above it, with no lines between them, prints '
                    else
                        '; the subtotal above it and the ' || {{ fmt_count('part_count - 1', 'line') }}
                        || ' between them add up to '
                end
                || {{ fmt_amount('computed_tkr', 'unit_as_read') }}
                || {{ fmt_outcome('amount_tkr', 'computed_tkr', 'tolerance_tkr', 'unit_as_read') }}
        end as explanation,
        cast(null as varchar) as other_place_id,
        'running|' || cell_id as place_id
    from chosen
)

select * from final
