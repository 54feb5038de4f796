{#- Which lines each total is the sum of: the parts of its group for a Summa line, the parts of
    the breakdown for the line a "Varav:" heading breaks down, and for a total with no parts of
    its own (Summa tillgångar) the totals above it. -#}
with

lines as (
    select * from {{ ref('int_budget_lines__classified') }}
),

group_sums as (
    select
        totals.row_id as total_row_id,
        parts.row_id as part_row_id,
        'group' as relation
    from lines as totals
    inner join lines as parts
        on
            totals.table_id = parts.table_id
            and totals.group_no = parts.group_no
            and parts.counts_in_total
            and totals.row_id <> parts.row_id
    where totals.is_pattern_total
),

breakdown_sums as (
    select
        parts.breakdown_parent_row_id as total_row_id,
        parts.row_id as part_row_id,
        'breakdown' as relation
    from lines as parts
    where parts.in_breakdown_group and parts.counts_in_total and parts.breakdown_parent_row_id is not null
),

-- A total with no items of its own adds up the totals above it, back to the previous such
-- total: Summa tillgångar = Summa anläggningstillgångar + Summa omsättningstillgångar.
pattern_totals as (
    select
        lines.table_id,
        lines.row_id,
        lines.row_index,
        not exists (
            select 1 from group_sums
            where group_sums.total_row_id = lines.row_id
        ) as is_grand
    from lines
    where lines.is_pattern_total
),

grand_totals as (
    select
        *,
        coalesce(
            max(case when is_grand then row_index end) over (
                partition by table_id order by row_index rows between unbounded preceding and 1 preceding
            ),
            -1
        ) as previous_grand_index
    from pattern_totals
),

grand_sums as (
    select
        grand.row_id as total_row_id,
        sub.row_id as part_row_id,
        'grand' as relation
    from grand_totals as grand
    inner join grand_totals as sub
        on
            grand.table_id = sub.table_id
            and grand.row_index > sub.row_index
            and grand.previous_grand_index < sub.row_index
            and not sub.is_grand
    where grand.is_grand
),

final as (
    select distinct total_row_id, part_row_id
    from (
        select total_row_id, part_row_id from group_sums
        union all
        select total_row_id, part_row_id from breakdown_sums
        union all
        select total_row_id, part_row_id from grand_sums
    ) as all_sums
)

select * from final
