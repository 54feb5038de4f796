{#- A column's year, scenario, kind, reporting entity and period, as the extractor read them from
    its header (extract/columns.py, with the vocabulary of seeds/column_terms.csv). -#}
with

source as (
    select * from {{ source('budget_documents', 'columns') }}
),

final as (
    select
        table_id,
        document_id,
        column_index,
        fiscal_year,
        coalesce(year_is_inferred, false) as year_is_inferred,
        scenario,
        coalesce(scenario_is_inferred, false) as scenario_is_inferred,
        scenario_as_printed,
        header_text as column_header,
        header_line,
        coalesce(amount_kind, 'amount') as amount_kind,
        coalesce(reporting_entity, 'kommun') as reporting_entity,
        coalesce(period_kind, 'year') as period_kind,
        year_source,
        coalesce(amount_kind, 'amount') not in ('note', 'percent') as is_money
    from source
)

select * from final
