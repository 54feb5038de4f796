{#- Incremental models keyed by document (int_budget_amounts__read, int_committee_statements).

    Such a model is materialized incremental with delete+insert on document_id and a post-hook
    that deletes the rows of documents no longer active. An incremental run builds only the
    documents landed since the newest one the model holds (a new document, a new version, or one
    re-landed by a new extractor) and replaces their rows. Everything the model joins must lie
    within one document for this to be right. The CLI runs dbt with --full-refresh whenever the
    models, macros or seeds changed since the last build (raw.build_log). -#}

{#- The config of such a model: {{ config(**incremental_by_document()) }}. The hook is a plain
    string here and is rendered when it runs, with the model as {{ this }}. -#}
{% macro incremental_by_document() %}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': 'document_id',
        'on_schema_change': 'fail',
        'post_hook': "delete from {{ this }} where document_id not in (select document_id from "
            ~ "{{ ref('stg_budget_documents__documents') }} where is_active)",
    }) }}
{% endmacro %}


{#- A predicate on a document_id column: in an incremental run, only documents landed after the
    newest document this model has built; otherwise every document. -#}
{% macro documents_to_build(column='document_id') %}
    {%- if is_incremental() -%}
        {{ column }} in (
            select document_id from {{ ref('stg_budget_documents__documents') }}
            where is_active and landed_at > (
                select coalesce(max(document_landed_at), timestamp '1900-01-01') from {{ this }}
            )
        )
    {%- else -%}
        true
    {%- endif -%}
{% endmacro %}
