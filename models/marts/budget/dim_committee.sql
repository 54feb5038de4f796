with

committees as (
    select * from {{ ref('int_committees') }}
),

final as (
    select
        committee_id,
        committee_name,
        committee_type,
        municipality_code,
        municipality_name,
        issuing_units,
        cast(document_count as integer) as document_count
    from committees
)

select * from final
