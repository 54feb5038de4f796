{#
    A plain `dbt build` (a scheduler running dbt itself) never writes the published warehouse:
    the default target is a working copy under the target folder (profiles.yml). Before it
    builds, this hook copies the published file's raw tables into the working copy when they
    differ, so that dbt builds from what `kommunbudget ingest` landed; `kommunbudget publish`
    then swaps the built copy in. The CLI's own builds set KOMMUNBUDGET_DBT_PATH to a working
    copy that already holds raw: nothing to do then.
#}
{% macro refresh_raw_from_published() %}
    {% if not execute or env_var('KOMMUNBUDGET_DBT_PATH', '') != '' or target.name != 'dev' %}
        {{ return('') }}
    {% endif %}
    {% set published = env_var('KOMMUNBUDGET_DB', 'warehouse.duckdb') %}
    {% set found = run_query("select count(*) from glob('" ~ published ~ "')").columns[0].values()[0] %}
    {% if found == 0 %}
        {{ exceptions.raise_compiler_error(
            "There is no warehouse at " ~ published ~ " yet, so dbt has nothing to build from. "
            ~ "Run `make build` (or `kommunbudget build`) once: it lands the documents and "
            ~ "publishes the warehouse. A plain `dbt build` then rebuilds the models into "
            ~ target.path ~ " and `kommunbudget publish` publishes that copy.") }}
    {% endif %}
    {% do run_query("attach '" ~ published ~ "' as kommunbudget_published (read_only)") %}
    {% set tables = run_query(
        "select table_name from duckdb_tables() where database_name = 'kommunbudget_published' "
        ~ "and schema_name = 'raw' order by table_name").columns[0].values() %}
    {% if 'documents' not in tables %}
        {% do run_query("detach kommunbudget_published") %}
        {{ exceptions.raise_compiler_error(
            published ~ " holds no raw.documents: it is not a kommunbudget warehouse. "
            ~ "Run `kommunbudget build --db " ~ published ~ "` first.") }}
    {% endif %}
    {% if raw_fingerprint('kommunbudget_published') != raw_fingerprint(target.database) %}
        {% do run_query("create schema if not exists raw") %}
        {% for table in tables %}
            {% do run_query("create or replace table raw." ~ table
                ~ " as select * from kommunbudget_published.raw." ~ table) %}
        {% endfor %}
        {{ log("Copied the raw tables of " ~ published ~ " into the working copy " ~ target.path, info=true) }}
    {% endif %}
    {% do run_query("detach kommunbudget_published") %}
    {{ return('') }}
{% endmacro %}

{# Every raw table's row count and the sum of its rows' hashes (raw.build_log aside), as one
   hash; '' for a database without raw tables. Equal fingerprints: the raw data is the same.
   kommunbudget.build.raw_fingerprint runs the same query (a build's "nothing new" check). #}
{% macro raw_fingerprint(database) %}
    {% set tables = run_query("select table_name from duckdb_tables() where database_name = '" ~ database
        ~ "' and schema_name = 'raw' and table_name <> 'build_log' order by table_name").columns[0].values() %}
    {% if tables | length == 0 %}{{ return('') }}{% endif %}
    {% set sql %}
        select md5(string_agg(part, ',' order by part)) from (
        {% for table in tables %}
            select '{{ table }}:' || count(*) || ':' || coalesce(sum(hash(t)), 0) as part
            from "{{ database }}".raw.{{ table }} as t
            {% if not loop.last %}union all{% endif %}
        {% endfor %}
        )
    {% endset %}
    {{ return(run_query(sql).columns[0].values()[0]) }}
{% endmacro %}
