with

source as (
    select * from {{ source('budget_documents', 'indicator_values') }}
),

renamed as (
    select
        indicator_value_id,
        document_id,
        region_no,
        row_no,
        goal_area,
        indicator_label,
        indicator_number,
        kolada_kpi_id,
        label_first_line,
        label_last_line,
        column_label,
        value_role,
        cast(period_year as integer) as period_year,
        period_year_source,
        gender,
        value_as_printed,
        cast(value_numeric as double) as value_numeric,
        is_no_value,
        unit,
        qualifier,
        source_line,
        source_last_line,
        source_page
    from source
)

select * from renamed
