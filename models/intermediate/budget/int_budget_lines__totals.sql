{#- Which lines each total is the sum of: the parts of its group for a Summa line, the parts of
    the breakdown for the line a "Varav:" heading breaks down. -#}
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
            and parts.row_id <> totals.row_id
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

final as (
    select distinct total_row_id, part_row_id
    from (
        select total_row_id, part_row_id from group_sums
        union all
        select total_row_id, part_row_id from breakdown_sums
    )
)

select * from final
