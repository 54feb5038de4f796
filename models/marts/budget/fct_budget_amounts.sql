with

amounts as (
    select * from {{ ref('int_budget_amounts__read') }}
),

narratives as (
    select * from {{ ref('int_narrative_amounts__read') }}
),

documents as (
    select * from {{ ref('stg_budget_documents__documents') }}
    where is_active
),

committees as (
    select * from {{ ref('int_committees') }}
),

table_amounts as (
    select
        cell_id as amount_id,
        document_id,
        'table' as amount_source,
        table_id,
        row_id,
        column_index,
        table_title,
        section_label,
        line_label,
        line_kind,
        fiscal_year,
        scenario,
        scenario_is_inferred,
        year_is_inferred,
        amount_tkr,
        unit_as_printed,
        unit_as_read,
        is_unit_reread,
        value_as_printed,
        source_page,
        source_line,
        alignment_is_guess,
        split_ambiguous,
        cast(null as varchar) as sentence,
        reporting_entity,
        amount_kind,
        column_header,
        period_kind,
        unit_is_inferred
    from amounts
    where fiscal_year is not null and scenario is not null
),

narrative_amounts as (
    select
        narratives.narrative_id as amount_id,
        narratives.document_id,
        'narrative' as amount_source,
        cast(null as varchar) as table_id,
        cast(null as varchar) as row_id,
        cast(null as integer) as column_index,
        'narrative' as table_title,
        cast(null as varchar) as section_label,
        narratives.context_label as line_label,
        'other' as line_kind,
        narratives.fiscal_year,
        narratives.scenario,
        narratives.scenario_is_inferred,
        narratives.year_is_inferred,
        narratives.amount_tkr,
        narratives.unit as unit_as_printed,
        narratives.unit as unit_as_read,
        false as is_unit_reread,
        narratives.value_as_printed,
        narratives.source_page,
        narratives.source_line,
        false as alignment_is_guess,
        false as split_ambiguous,
        narratives.sentence,
        narratives.reporting_entity,
        narratives.amount_kind,
        cast(null as varchar) as column_header,
        narratives.period_kind,
        false as unit_is_inferred
    from narratives
    inner join documents on narratives.document_id = documents.document_id
    where narratives.fiscal_year is not null and narratives.scenario is not null
),

unioned as (
    select * from table_amounts
    union all
    select * from narrative_amounts
),

final as (
    select
        unioned.amount_id,
        unioned.document_id,
        documents.municipality_code,
        documents.municipality_name,
        documents.committee_name,
        committees.committee_type,
        documents.issuing_unit,
        unioned.amount_source,
        unioned.table_id,
        unioned.row_id,
        unioned.column_index,
        unioned.table_title,
        unioned.section_label,
        unioned.line_label,
        unioned.line_kind,
        cast(unioned.fiscal_year as integer) as fiscal_year,
        unioned.scenario,
        unioned.scenario_is_inferred,
        unioned.year_is_inferred,
        cast(unioned.amount_tkr as decimal(18, 3)) as amount_tkr,
        unioned.unit_as_printed,
        unioned.unit_as_read,
        unioned.is_unit_reread,
        unioned.value_as_printed,
        unioned.alignment_is_guess,
        unioned.split_ambiguous,
        unioned.sentence,
        unioned.reporting_entity,
        unioned.amount_kind,
        unioned.column_header,
        unioned.period_kind,
        unioned.unit_is_inferred,
        documents.source_file,
        cast(unioned.source_page as integer) as source_page,
        cast(unioned.source_line as integer) as source_line
    from unioned
    inner join documents on unioned.document_id = documents.document_id
    left join committees
        on
            documents.municipality_code = committees.municipality_code
            and documents.committee_name = committees.committee_name
)

select * from final
