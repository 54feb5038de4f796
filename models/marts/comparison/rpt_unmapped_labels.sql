{#- Every line of a resultaträkning, a balansräkning or a table of committees that carries an
    amount and whose label no pattern maps (int_comparison_lines__mapped): a committee type
    seeds/committee_types.csv does not know (Fastighetsnämnden), a unit below a committee
    (Västervik's Politisk verksamhet under Kommunstyrelse), a total (Summa nämnder), a line
    outside the standard lines (Jämförelsestörande poster), or a spelling no pattern has yet.
    Nothing is dropped silently: a person reads this list and adds a pattern to the seed where
    the line is one of the standard lines or a committee. Lines without an amount (headings
    such as TILLGÅNGAR) carry no figure and are not listed. -#}
with

mapped as (
    select * from {{ ref('int_comparison_lines__mapped') }}
),

amounts as (
    select
        row_id,
        count(*) as amount_count,
        string_agg(distinct cast(fiscal_year as varchar), ', ' order by cast(fiscal_year as varchar)) as fiscal_years
    from {{ ref('int_budget_amounts__read') }}
    group by row_id
),

final as (
    select
        mapped.row_id,
        mapped.document_id,
        mapped.source_file,
        mapped.municipality_code,
        mapped.table_id,
        mapped.table_title,
        case
            when mapped.statement is not null and mapped.is_committee_table then mapped.statement || ', committee_table'
            when mapped.statement is not null then mapped.statement
            else 'committee_table'
        end as table_kind,
        cast(mapped.source_line as integer) as source_line,
        mapped.line_label,
        mapped.normalized_label,
        mapped.line_kind,
        mapped.section_label,
        cast(amounts.amount_count as integer) as amount_count,
        amounts.fiscal_years
    from mapped
    inner join amounts on mapped.row_id = amounts.row_id
    where mapped.standard_line is null and mapped.committee_type is null
)

select * from final
