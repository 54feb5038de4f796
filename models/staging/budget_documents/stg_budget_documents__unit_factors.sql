{#- One row per money unit with its factor to tkr, from seeds/units.csv (the seed the extractor
    reads its unit words from). -#}
with

units as (
    select * from {{ ref('units') }}
),

final as (
    select distinct
        unit,
        cast(to_tkr as decimal(18, 6)) as to_tkr
    from units
    where is_money
)

select * from final
