{#- Each committee a current document belongs to, with its normalised type from
    seeds/committee_types.csv (so that a new document maps without code changes). -#}
with

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
    where is_active
),

committee_types as (
    select * from {{ ref('committee_types') }}
),

committees as (
    select
        municipality_code,
        any_value(municipality_name) as municipality_name,
        committee_name,
        string_agg(distinct issuing_unit, ', ') as issuing_units,
        count(*) as document_count
    from documents
    where committee_name is not null
    group by municipality_code, committee_name
),

typed as (
    select
        committees.*,
        committee_types.committee_type
    from committees
    left join committee_types
        on regexp_matches({{ normalized_label('committees.committee_name') }}, committee_types.pattern)
    qualify row_number() over (
        partition by committees.municipality_code, committees.committee_name order by committee_types.priority
    ) = 1
),

final as (
    select
        {{ surrogate_key(['municipality_code', 'committee_name']) }} as committee_id,
        municipality_code,
        municipality_name,
        committee_name,
        coalesce(committee_type, 'other') as committee_type,
        issuing_units,
        document_count
    from typed
)

select * from final
