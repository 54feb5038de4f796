{#- Every amount stated with a money unit in running text, read in tkr by seeds/units.csv, with
    the measure its words name (the first pattern of seeds/narrative_measures.csv, by priority,
    that its context words match; null where none does). -#}
with

narratives as (
    select * from {{ ref('stg_budget_documents__narrative_amounts') }}
),

unit_factors as (
    select * from {{ ref('stg_budget_documents__unit_factors') }}
),

patterns as (
    select * from {{ ref('narrative_measures') }}
),

measured as (
    select
        narratives.narrative_id,
        patterns.measure,
        patterns.source_kind
    from narratives
    inner join patterns on regexp_matches(lower(narratives.context_label), patterns.context_pattern)
    qualify row_number() over (partition by narratives.narrative_id order by patterns.priority) = 1
),

final as (
    select
        narratives.*,
        cast(narratives.value_numeric * unit_factors.to_tkr as decimal(18, 3)) as amount_tkr,
        {{ rounding_tkr('narratives.decimals', 'unit_factors.to_tkr') }} as rounding_tkr,
        measured.measure,
        measured.source_kind
    from narratives
    inner join unit_factors on narratives.unit = unit_factors.unit
    left join measured on narratives.narrative_id = measured.narrative_id
)

select * from final
